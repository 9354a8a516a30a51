import { ApiProperty } from '@nestjs/swagger';

const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;

export class IgnoredSettingResponse {
  @ApiProperty({ example: 'maxItems' }) path!: string;
  @ApiProperty({ example: 'maxItems must be <= 100' }) message!: string;
}

/** One plugin's settings in a workspace, with what the console needs to render and check its form. */
export class PluginSettingsResponse {
  @ApiProperty({ example: 'acme-reviews', description: 'The plugin' }) plugin!: string;
  @ApiProperty({
    ...ANY_OBJECT,
    example: { maxStars: 10, moderation: 'pre' },
    description: 'Effective settings: the values set in this workspace over the defaults. What the plugin runs with.',
  })
  values!: Record<string, unknown>;
  @ApiProperty({
    ...ANY_OBJECT,
    example: { maxStars: 10 },
    description: 'The values this workspace set (the last PUT); a setting not set here takes its default.',
  })
  overrides!: Record<string, unknown>;
  @ApiProperty({ ...ANY_OBJECT, example: { maxStars: 5, moderation: 'pre' }, description: 'The plugin’s defaults' })
  defaults!: Record<string, unknown>;
  @ApiProperty({
    ...ANY_OBJECT,
    example: { type: 'object', properties: { maxStars: { type: 'integer', minimum: 1 } } },
    description: 'The plugin’s settings schema (JSON Schema 2020-12): render the form from it.',
  })
  schema!: Record<string, unknown>;
  @ApiProperty({
    type: [IgnoredSettingResponse],
    description:
      'Stored values the plugin’s current schema refuses (it changed since they were saved): their defaults apply. ' +
      'Usually empty.',
  })
  ignored!: IgnoredSettingResponse[];
}

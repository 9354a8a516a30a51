import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One CASL rule as the member's ability holds it: placeholders already filled in. */
export class AbilityRuleResponse {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'update',
  })
  action!: string | string[];

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'Workspace',
  })
  subject!: string | string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'MongoDB-style query' })
  conditions?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [String] })
  fields?: string[];

  @ApiPropertyOptional()
  inverted?: boolean;

  @ApiPropertyOptional()
  reason?: string;
}

export class MyAbilityResponse {
  @ApiProperty({ type: [AbilityRuleResponse], description: 'Load into a CASL ability (createMongoAbility(rules))' })
  rules!: AbilityRuleResponse[];
}

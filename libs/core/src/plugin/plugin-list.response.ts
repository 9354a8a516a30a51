import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LoadedPluginSummary } from './plugin.types';

class PluginPermissionsDto {
  @ApiProperty({ type: [String], example: ['Entry'] }) subjects!: string[];
  @ApiProperty({ type: [String], example: ['read', 'publish'] }) actions!: string[];
}

class AdminNavEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiPropertyOptional() icon?: string;
  @ApiProperty() route!: string;
  @ApiPropertyOptional({ type: [String], minItems: 2, maxItems: 2, example: ['read', 'Entry'] }) requires?: [
    string,
    string,
  ];
}

class AdminContributionDto {
  @ApiPropertyOptional({ type: [AdminNavEntryDto] }) nav?: AdminNavEntryDto[];
  @ApiPropertyOptional({ enum: ['from-schema'] }) settingsForm?: 'from-schema';
}

class PluginContributionsDto {
  @ApiProperty({ type: PluginPermissionsDto }) permissions!: PluginPermissionsDto;
  @ApiProperty({ type: [String], description: 'Tables the plugin owns' }) tables!: string[];
  @ApiProperty({ type: [String], description: 'Scheduled jobs' }) jobs!: string[];
  @ApiProperty({ type: [String], description: 'Retention policies' }) retention!: string[];
  @ApiProperty({ type: [String], description: 'Tables declared in the data inventory' }) dataInventory!: string[];
  @ApiProperty({ description: 'Whether the plugin has per-workspace settings' }) settings!: boolean;
  @ApiProperty({ type: AdminContributionDto }) admin!: AdminContributionDto;
}

export class PluginSummaryDto implements LoadedPluginSummary {
  @ApiProperty({ example: 'content' }) name!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { workspaces: '^1.0.0' } })
  requires!: Record<string, string>;
  @ApiProperty({ type: PluginContributionsDto }) contributes!: PluginContributionsDto;
}

export class PluginListResponse {
  @ApiProperty({ type: [PluginSummaryDto] }) data!: LoadedPluginSummary[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LegalBasis, PersonalDataCategory } from '@quire/core';

const CATEGORIES: PersonalDataCategory[] = [
  'identity',
  'contact',
  'credentials',
  'profile',
  'technical',
  'usage',
  'content',
  'communication',
  'financial',
  'consent',
];
const LEGAL_BASES: LegalBasis[] = [
  'contract',
  'consent',
  'legitimate-interest',
  'legal-obligation',
  'vital-interest',
  'public-task',
];

export class InventoryFieldResponse {
  @ApiProperty({ example: 'identity' }) plugin!: string;
  @ApiProperty({ example: 'identity_users' }) table!: string;
  @ApiProperty({ example: 'email' }) column!: string;
  @ApiProperty({ description: 'Secrets and special categories: redacted in audit diffs' }) sensitive!: boolean;
  @ApiPropertyOptional() description?: string;
}

export class InventoryCategoryResponse {
  @ApiProperty({ enum: CATEGORIES }) category!: PersonalDataCategory;
  @ApiProperty({ type: [InventoryFieldResponse] }) fields!: InventoryFieldResponse[];
}

export class InventoryActivityFieldResponse {
  @ApiProperty({ example: 'email' }) column!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: PersonalDataCategory;
  @ApiProperty() sensitive!: boolean;
  @ApiPropertyOptional() description?: string;
}

export class InventoryRetentionPolicyResponse {
  @ApiProperty({ example: 'identity.expired-sessions' }) name!: string;
  @ApiProperty({ enum: ['delete', 'anonymize'] }) action!: 'delete' | 'anonymize';
  @ApiProperty() description!: string;
}

export class InventoryActivityResponse {
  @ApiProperty({ example: 'identity' }) plugin!: string;
  @ApiProperty({ example: 'identity_sessions' }) table!: string;
  @ApiProperty({ example: 'user_id', description: 'Column linking a row to the person (export and erasure follow it)' })
  subjectColumn!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis!: LegalBasis;
  @ApiProperty({ description: 'The retention rule, as declared for people to read' }) retention!: string;
  @ApiProperty({ enum: ['delete', 'anonymize', 'keep'], description: 'What an erasure request does with the rows' })
  onErasure!: 'delete' | 'anonymize' | 'keep';
  @ApiProperty({ type: [InventoryActivityFieldResponse] }) fields!: InventoryActivityFieldResponse[];
  @ApiProperty({ type: [InventoryRetentionPolicyResponse], description: 'Retention policies run on this table' })
  retentionPolicies!: InventoryRetentionPolicyResponse[];
}

export class InventoryProcessorResponse {
  @ApiProperty({ example: 'identity', description: 'The plugin that sends data to it' }) plugin!: string;
  @ApiProperty({ example: 'SMTP mail server' }) name!: string;
  @ApiProperty({ example: 'smtp.example.com:465', description: 'Host, endpoint or region; never credentials' })
  location!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: CATEGORIES, isArray: true }) categories!: PersonalDataCategory[];
}

export class DataInventoryResponse {
  @ApiProperty({ type: [InventoryCategoryResponse], description: 'Every category of personal data and its fields' })
  categories!: InventoryCategoryResponse[];
  @ApiProperty({ type: [InventoryActivityResponse], description: 'Every table of personal data and why it is kept' })
  activities!: InventoryActivityResponse[];
  @ApiProperty({
    type: [InventoryProcessorResponse],
    description: 'Outside processors personal data is sent to, as this installation is configured',
  })
  processors!: InventoryProcessorResponse[];
}

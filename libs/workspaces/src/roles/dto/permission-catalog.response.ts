import { ApiProperty } from '@nestjs/swagger';

export class CatalogSubjectResponse {
  @ApiProperty({ example: 'Team' }) name!: string;
  @ApiProperty({
    type: [String],
    example: ['id', 'name'],
    description: "Fields a rule's conditions may compare; empty: unconditional rules only",
  })
  conditionFields!: string[];
  @ApiProperty({
    type: [String],
    example: ['name', 'memberIds'],
    description: "Fields a rule's field restriction may name; empty: no field restriction",
  })
  restrictableFields!: string[];
}

export class CatalogPluginResponse {
  @ApiProperty({ example: 'workspaces' }) plugin!: string;
  @ApiProperty({ type: [CatalogSubjectResponse] }) subjects!: CatalogSubjectResponse[];
  @ApiProperty({ type: [String], example: ['read', 'create', 'update', 'delete'] }) actions!: string[];
}

export class PermissionCatalogResponse {
  @ApiProperty({ type: [CatalogPluginResponse], description: 'Each loaded plugin that declares permissions' })
  plugins!: CatalogPluginResponse[];
  @ApiProperty({
    type: [String],
    example: ['manage', 'read', 'create', 'update', 'delete'],
    description: 'Every action a rule may name: `manage` (every action) and each declared action, once',
  })
  actions!: string[];
  @ApiProperty({
    type: [String],
    example: ['{{actor.id}}'],
    description: 'Placeholders a condition value may be, filled per member',
  })
  placeholders!: string[];
}

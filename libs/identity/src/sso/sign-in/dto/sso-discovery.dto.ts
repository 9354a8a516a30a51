import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import type { SsoKind, SsoPreset } from '../../entities/sso-connection.entity';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class SsoDiscoveryQuery {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'ada@example.com',
    description: 'The address being signed in',
  })
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;
}

export class SsoProviderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Company Okta' }) name!: string;
  @ApiProperty({ enum: ['oidc', 'saml'] }) kind!: SsoKind;
  @ApiProperty({ enum: ['google', 'github'], nullable: true, type: String }) preset!: SsoPreset | null;
  @ApiProperty({
    example: 'https://cms.example.com/api/v1/auth/sso/0193…/start',
    description: 'Open it in the browser to sign in (append `?returnTo=/admin/…` to land elsewhere)',
  })
  startUrl!: string;
}

export class SsoDiscoveryResponse {
  @ApiProperty({ type: [SsoProviderResponse] }) providers!: SsoProviderResponse[];
}

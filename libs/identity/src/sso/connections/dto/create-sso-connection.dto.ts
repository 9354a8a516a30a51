import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotIn, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { SsoKind, SsoPreset } from '../../entities/sso-connection.entity';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Role names as the workspaces plugin writes them; `owner` is never handed out by a sign-in. */
export const ROLE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

const CONFIG_DESCRIPTION =
  'Non-secret settings. Generic OIDC: `issuer` (https URL, discovery at /.well-known/openid-configuration), ' +
  '`clientId`, `scopes` (default `["openid","email","profile"]`, must include `openid`). Presets `google` and ' +
  '`github`: `clientId` only. SAML: `entryPoint` (https URL of the IdP single sign-on service), `idpCert` (PEM ' +
  'certificate, or a list during a rollover), optional `idpIssuer`, `spEntityId`, `emailAttribute`, ' +
  '`requireSignedResponse` and `requireSignedAssertion` (both default true; one at least).';

export class CreateSsoConnectionDto {
  @ApiProperty({ enum: ['oidc', 'saml'], description: 'Presets are OAuth/OIDC providers: use `oidc` with them' })
  @IsIn(['oidc', 'saml'])
  kind!: SsoKind;

  @ApiPropertyOptional({ enum: ['google', 'github'], nullable: true })
  @IsOptional()
  @IsIn(['google', 'github'])
  preset?: SsoPreset | null;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Company Okta' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    default: 'viewer',
    example: 'editor',
    description: 'Role of users added to the workspace at their first sign-in through this connection; not `owner`',
  })
  @IsOptional()
  @IsString()
  @Matches(ROLE_NAME, { message: 'defaultRole must be a role name (lower-case letters, digits and dashes)' })
  @IsNotIn(['owner'], { message: 'defaultRole cannot be owner: a sign-in never makes an owner' })
  defaultRole?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: CONFIG_DESCRIPTION })
  @IsObject()
  config!: Record<string, unknown>;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 1024,
    writeOnly: true,
    description: 'OIDC/OAuth client secret (required for kind `oidc`); stored encrypted and never returned',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  clientSecret?: string;
}

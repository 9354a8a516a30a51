import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SsoKind, SsoPreset } from '../../entities/sso-connection.entity';

/** What to register at the identity provider for this connection. */
export class SsoServiceProviderResponse {
  @ApiPropertyOptional({ description: 'OIDC/OAuth: the redirect (callback) URI to register with the client' })
  redirectUri?: string;
  @ApiPropertyOptional({ description: 'SAML: Assertion Consumer Service URL (HTTP-POST binding)' })
  acsUrl?: string;
  @ApiPropertyOptional({ description: 'SAML: our entity id, the audience the IdP must name' })
  entityId?: string;
  @ApiPropertyOptional({ description: 'SAML: our metadata document' })
  metadataUrl?: string;
  @ApiProperty({ description: 'Public URL that starts a sign-in through this connection' })
  signInUrl!: string;
}

export class SsoConnectionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['oidc', 'saml'] }) kind!: SsoKind;
  @ApiProperty({ enum: ['google', 'github'], nullable: true, type: String }) preset!: SsoPreset | null;
  @ApiProperty() name!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() defaultRole!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Non-secret settings' })
  config!: Record<string, unknown>;
  @ApiProperty({ description: 'Whether a client secret is stored (the secret itself is never returned)' })
  clientSecretSet!: boolean;
  @ApiProperty({ type: SsoServiceProviderResponse }) serviceProvider!: SsoServiceProviderResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

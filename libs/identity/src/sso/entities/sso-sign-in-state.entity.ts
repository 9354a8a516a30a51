import { UuidV7Entity } from '@quire/core';
import { Column, CreateDateColumn, Entity } from 'typeorm';

/**
 * A sign-in started at an identity provider and not yet finished: single use (deleted when the callback takes
 * it), short-lived, and bound to the browser that started it through the hash of a cookie.
 */
@Entity({ name: 'identity_sso_states' })
export class SsoSignInState extends UuidV7Entity {
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  /** SHA-256 of the `state` (OIDC) or `RelayState` (SAML) sent to the provider. */
  @Column({ name: 'state_hash', type: 'text' }) stateHash!: string;
  /** SHA-256 of the browser-binding cookie's value. */
  @Column({ name: 'browser_hash', type: 'text' }) browserHash!: string;
  /** OIDC: the ID token must carry it back. */
  @Column({ type: 'text', nullable: true }) nonce!: string | null;
  /** OIDC/OAuth PKCE verifier, sent to the token endpoint with the code. */
  @Column({ name: 'code_verifier', type: 'text', nullable: true }) codeVerifier!: string | null;
  /** SAML: the AuthnRequest ID the response's InResponseTo must name. */
  @Column({ name: 'saml_request_id', type: 'text', nullable: true }) samlRequestId!: string | null;
  /** Where the console goes after the sign-in: a path on the public origin, checked at the start. */
  @Column({ name: 'return_to', type: 'text' }) returnTo!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

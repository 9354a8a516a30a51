/** Who the identity provider says signed in, reduced to what Quire uses. */
export interface SsoIdentity {
  email: string;
  /** OIDC: `email_verified`; GitHub: the primary address is verified; SAML: asserted by the signed assertion. */
  emailVerified: boolean;
  displayName: string | null;
}

import { SsoConnectionService } from './connections/sso-connection.service';
import { SsoConnectionsController } from './connections/sso-connections.controller';
import { DnsTxtLookup } from './domains/dns-txt-lookup';
import { SsoDomainService } from './domains/sso-domain.service';
import { SsoDomainsController } from './domains/sso-domains.controller';
import { SsoConnection } from './entities/sso-connection.entity';
import { SsoDomain } from './entities/sso-domain.entity';
import { SsoSignInState } from './entities/sso-sign-in-state.entity';
import { GithubProfile } from './sign-in/github-profile';
import { OAuthSignIn } from './sign-in/oauth-sign-in';
import { SamlSignIn } from './sign-in/saml-sign-in';
import { SsoAccounts } from './sign-in/sso-accounts';
import { SsoDiscovery } from './sign-in/sso-discovery';
import { SsoMembership } from './sign-in/sso-membership';
import { SsoSignInController } from './sign-in/sso-sign-in.controller';
import { SsoSignInService } from './sign-in/sso-sign-in.service';
import { SsoStateStore } from './sign-in/sso-state.store';
import { SsoSecrets } from './sso-secrets';
import { SsoUrls } from './sso-urls';

/** What single sign-on adds to the identity module and plugin (kept here so the shared files change by a line). */
export const ssoControllers = [SsoConnectionsController, SsoDomainsController, SsoSignInController];

export const ssoProviders = [
  SsoUrls,
  SsoSecrets,
  SsoConnectionService,
  DnsTxtLookup,
  SsoDomainService,
  SsoStateStore,
  GithubProfile,
  OAuthSignIn,
  SamlSignIn,
  SsoAccounts,
  SsoMembership,
  SsoSignInService,
  SsoDiscovery,
];

export const ssoEntities = [SsoConnection, SsoDomain, SsoSignInState];

import type { QuireConfig, QuirePlugin } from '@quire/core';
import { CompliancePlugin } from '@quire/compliance';
import { ContentPlugin } from '@quire/content';
import { identityOptionsFromConfig, IdentityPlugin } from '@quire/identity';
import { mediaOptionsFromConfig, MediaPlugin } from '@quire/media';
import { WebhooksPlugin } from '@quire/webhooks';
import { WorkspacesPlugin } from '@quire/workspaces';

/**
 * The plugins this installation loads, configured from the validated environment. Order does not matter: the
 * kernel's registry sorts them by dependency and refuses to start on a broken declaration. Add your own here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function plugins(config: QuireConfig): QuirePlugin<any>[] {
  return [
    IdentityPlugin.with(identityOptionsFromConfig(config)),
    WorkspacesPlugin,
    MediaPlugin.with(mediaOptionsFromConfig(config)),
    ContentPlugin,
    WebhooksPlugin,
    CompliancePlugin,
  ];
}

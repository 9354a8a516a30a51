import { Routes } from '@angular/router';
import { allowed } from '../../guards';

const notAllowed = (path: string): Routes[number] => ({
  path,
  title: $localize`:@@title.notAllowed:Not allowed`,
  loadComponent: () => import('../not-allowed/not-allowed.page').then((m) => m.NotAllowedPage),
});

/**
 * Screens of this area, under /w/:workspace (spread into app.routes.ts). Every page is lazy. A refused screen
 * is the "Not allowed" page at the same path (the route after it), as elsewhere in the console.
 */
export const integrationRoutes: Routes = [
  {
    path: 'webhooks',
    title: $localize`:@@integrations.title.webhooks:Webhooks`,
    canMatch: [allowed('read', 'Webhook')],
    loadComponent: () => import('./webhooks.page').then((m) => m.WebhooksPage),
  },
  {
    path: 'webhooks/new',
    title: $localize`:@@integrations.title.newWebhook:New webhook`,
    canMatch: [allowed('create', 'Webhook')],
    loadComponent: () => import('./webhook-editor.page').then((m) => m.WebhookEditorPage),
  },
  // Before `webhooks/:webhookId`, which would otherwise take "new" for an id.
  notAllowed('webhooks/new'),
  {
    path: 'webhooks/dead-letters',
    title: $localize`:@@integrations.title.deadLetters:Dead letters`,
    canMatch: [allowed('read', 'Webhook')],
    loadComponent: () => import('./dead-letters.page').then((m) => m.DeadLettersPage),
  },
  {
    path: 'webhooks/:webhookId',
    title: $localize`:@@integrations.title.webhook:Webhook`,
    canMatch: [allowed('read', 'Webhook')],
    loadComponent: () => import('./webhook-editor.page').then((m) => m.WebhookEditorPage),
  },
  {
    path: 'workflows',
    title: $localize`:@@integrations.title.workflows:Workflows`,
    canMatch: [allowed('read', 'Workflow')],
    loadComponent: () => import('./workflows.page').then((m) => m.WorkflowsPage),
  },
  {
    path: 'workflows/new',
    title: $localize`:@@integrations.title.newWorkflow:New workflow`,
    canMatch: [allowed('create', 'Workflow')],
    loadComponent: () => import('./workflow-editor.page').then((m) => m.WorkflowEditorPage),
  },
  notAllowed('workflows/new'),
  {
    path: 'workflows/:workflowId',
    title: $localize`:@@integrations.title.workflow:Workflow`,
    canMatch: [allowed('read', 'Workflow')],
    loadComponent: () => import('./workflow-editor.page').then((m) => m.WorkflowEditorPage),
  },
  // Any member may explore the API: every call is made as them, so the API's own rules apply.
  {
    path: 'api-explorer',
    title: $localize`:@@integrations.title.apiExplorer:API explorer`,
    loadComponent: () => import('./api-explorer.page').then((m) => m.ApiExplorerPage),
  },
  ...['webhooks', 'webhooks/dead-letters', 'webhooks/:webhookId', 'workflows', 'workflows/:workflowId'].map(notAllowed),
];

import { Routes } from '@angular/router';
import { allowed, inWorkspace, openWorkspace, signedIn, signedOut } from './guards';
import { contentTypeRoutes } from './pages/content-types/content-types.routes';
import { entryRoutes } from './pages/entries/entries.routes';
import { integrationRoutes } from './pages/integrations/integrations.routes';
import { mediaRoutes } from './pages/media/media.routes';
import { publishingRoutes } from './pages/publishing/publishing.routes';
import { ShellComponent } from './shell/shell.component';

// Paths are relative to the base href (/admin/). Every page is lazy so the initial bundle holds only the shell.
// The account pages (sign-in, reset-password, invitations, verify-email) are the paths the API's mails link to.
export const routes: Routes = [
  {
    path: 'sign-in',
    title: $localize`:@@title.signIn:Sign in`,
    canMatch: [signedOut],
    loadComponent: () => import('./pages/account/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    title: $localize`:@@title.signUp:Create an account`,
    canMatch: [signedOut],
    loadComponent: () => import('./pages/account/sign-up.page').then((m) => m.SignUpPage),
  },
  {
    path: 'reset-password',
    title: $localize`:@@title.resetPassword:Reset your password`,
    loadComponent: () => import('./pages/account/reset-password.page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'verify-email',
    title: $localize`:@@title.verifyEmail:Verify your email address`,
    loadComponent: () => import('./pages/account/verify-email.page').then((m) => m.VerifyEmailPage),
  },
  {
    path: 'invitations',
    title: $localize`:@@title.invitation:Invitation`,
    loadComponent: () => import('./pages/account/invitation.page').then((m) => m.InvitationPage),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [signedIn],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: $localize`:@@title.workspaces:Workspaces`,
        loadComponent: () => import('./pages/workspaces/workspaces.page').then((m) => m.WorkspacesPage),
      },
      { path: 'start', canActivate: [openWorkspace], children: [] },
      {
        path: 'overview',
        title: $localize`:@@title.overview:Overview`,
        loadComponent: () => import('./pages/overview/overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'plugins',
        title: $localize`:@@title.plugins:Plugins`,
        loadComponent: () => import('./pages/plugins/plugins.page').then((m) => m.PluginsPage),
      },
      {
        path: 'retention',
        title: $localize`:@@title.retention:Retention runs`,
        loadComponent: () => import('./pages/compliance/retention-runs.page').then((m) => m.RetentionRunsPage),
      },
      {
        path: 'privacy',
        title: $localize`:@@title.privacy:Privacy & Data`,
        loadComponent: () => import('./pages/privacy/privacy.page').then((m) => m.PrivacyPage),
      },
      {
        path: 'account',
        title: $localize`:@@title.account:Your account`,
        loadComponent: () =>
          import('./pages/account-settings/account-settings.page').then((m) => m.AccountSettingsPage),
      },
      {
        path: 'workspaces/new',
        title: $localize`:@@title.newWorkspace:New workspace`,
        loadComponent: () => import('./pages/workspaces/create-workspace.page').then((m) => m.CreateWorkspacePage),
      },
      {
        path: 'w/:workspace',
        canMatch: [inWorkspace],
        children: [
          {
            path: '',
            pathMatch: 'full',
            title: $localize`:@@title.workspaceHome:Workspace`,
            loadComponent: () => import('./pages/workspaces/workspace-home.page').then((m) => m.WorkspaceHomePage),
          },
          {
            path: 'settings',
            title: $localize`:@@title.settings:Workspace settings`,
            canMatch: [allowed('update', 'Workspace')],
            loadComponent: () =>
              import('./pages/workspaces/workspace-settings.page').then((m) => m.WorkspaceSettingsPage),
          },
          {
            path: 'settings',
            title: $localize`:@@title.notAllowed:Not allowed`,
            loadComponent: () => import('./pages/not-allowed/not-allowed.page').then((m) => m.NotAllowedPage),
          },
          // Members and access (pages/members): each screen needs `read` of its subject, else "Not allowed".
          {
            path: 'members',
            title: $localize`:@@title.members:Members`,
            canMatch: [allowed('read', 'WorkspaceMember')],
            loadComponent: () => import('./pages/members/members.page').then((m) => m.MembersPage),
          },
          {
            path: 'teams',
            title: $localize`:@@title.teams:Teams`,
            canMatch: [allowed('read', 'Team')],
            loadComponent: () => import('./pages/members/teams.page').then((m) => m.TeamsPage),
          },
          {
            path: 'roles',
            title: $localize`:@@title.roles:Roles`,
            canMatch: [allowed('read', 'Role')],
            loadComponent: () => import('./pages/members/roles.page').then((m) => m.RolesPage),
          },
          {
            path: 'roles/new',
            title: $localize`:@@title.newRole:New custom role`,
            canMatch: [allowed('create', 'Role')],
            loadComponent: () => import('./pages/members/role-editor.page').then((m) => m.RoleEditorPage),
          },
          {
            path: 'roles/:roleId',
            title: $localize`:@@title.editRole:Edit custom role`,
            canMatch: [allowed('update', 'Role')],
            loadComponent: () => import('./pages/members/role-editor.page').then((m) => m.RoleEditorPage),
          },
          {
            path: 'api-keys',
            title: $localize`:@@title.apiKeys:API keys`,
            canMatch: [allowed('read', 'ApiKey')],
            loadComponent: () => import('./pages/members/api-keys.page').then((m) => m.ApiKeysPage),
          },
          ...['members', 'teams', 'roles', 'roles/new', 'roles/:roleId', 'api-keys'].map((path) => ({
            path,
            title: $localize`:@@title.notAllowed:Not allowed`,
            loadComponent: () => import('./pages/not-allowed/not-allowed.page').then((m) => m.NotAllowedPage),
          })),
          ...contentTypeRoutes,
          ...entryRoutes,
          ...mediaRoutes,
          ...publishingRoutes,
          ...integrationRoutes,
          {
            path: 'audit-log',
            title: $localize`:@@title.auditLog:Audit log`,
            canMatch: [allowed('read', 'AuditLog')],
            loadComponent: () => import('./pages/compliance/audit-log.page').then((m) => m.AuditLogPage),
          },
          {
            path: 'compliance-report',
            title: $localize`:@@title.complianceReport:Compliance report`,
            canMatch: [allowed('read', 'ComplianceReport')],
            loadComponent: () =>
              import('./pages/compliance/compliance-report.page').then((m) => m.ComplianceReportPage),
          },
          {
            path: 'legal-holds',
            title: $localize`:@@title.legalHolds:Legal holds`,
            canMatch: [allowed('create', 'LegalHold')],
            loadComponent: () => import('./pages/compliance/legal-holds.page').then((m) => m.LegalHoldsPage),
          },
          {
            path: 'legal-holds',
            title: $localize`:@@title.notAllowed:Not allowed`,
            loadComponent: () => import('./pages/not-allowed/not-allowed.page').then((m) => m.NotAllowedPage),
          },
          {
            path: 'audit-log',
            title: $localize`:@@title.notAllowed:Not allowed`,
            loadComponent: () => import('./pages/not-allowed/not-allowed.page').then((m) => m.NotAllowedPage),
          },
          {
            path: 'compliance-report',
            title: $localize`:@@title.notAllowed:Not allowed`,
            loadComponent: () => import('./pages/not-allowed/not-allowed.page').then((m) => m.NotAllowedPage),
          },
        ],
      },
      {
        path: '**',
        title: $localize`:@@title.notFound:Not found`,
        loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];

import { WorkspacesResolver } from '@quire/workspaces';
import { useConsoleSuite } from './console-suite';

/**
 * The members and access screens (pages/members) in Chromium on the real API and PostgreSQL: invitations,
 * custom roles from the permission grid, role changes and refusals, teams, and API keys whose secret is shown
 * once. Accepting an invitation through its mail is console-journeys' part. axe checks every screen visited.
 */
describe('admin console: members and access', () => {
  const suite = useConsoleSuite('members');
  const { journey, expectAccessible, signUp, signInAt, eventually, dismissToast } = suite;

  /** An owner with a workspace, and a second member (a viewer) to give a role to. */
  async function workspaceWithMember() {
    const owner = await signUp('Olga Owner');
    const { slug, id } = await suite.workspaceOf(owner);
    const member = await signUp('Mia Member');
    await suite.sut.app.get(WorkspacesResolver).ensureMember(id, member.userId, 'viewer');
    return { owner, member, slug, id };
  }

  journey('invite, cancel, custom role, role change and API key', async () => {
    const { owner, member, slug } = await workspaceWithMember();
    const asOwner = async (path: string) =>
      (await suite.sut.http.get(path).set('Authorization', `Bearer ${owner.token}`).expect(200)).body;
    await signInAt(`/w/${slug}/members`, owner.email);
    await suite.page.getByRole('heading', { name: 'Members' }).waitFor();
    await suite.page.locator(`[data-member="${member.email}"]`).waitFor();
    await expectAccessible();

    // The last owner cannot leave: the API's refusal as an error toast, and the owner is still listed.
    await suite.page.locator(`[data-member="${owner.email}"]`).getByTestId('member-remove').click();
    await suite.page.locator('.quire-error-toast').waitFor();
    expect(await suite.page.locator(`[data-member="${owner.email}"]`).count()).toBe(1);

    // Nor can the last owner become a viewer: a toast, and the control shows the role still held.
    await dismissToast();
    const ownerRole = suite.page.locator(`[data-member="${owner.email}"]`).getByTestId('member-role');
    await ownerRole.selectOption('viewer');
    await suite.page.locator('.quire-error-toast').waitFor();
    await eventually(async () => expect(await ownerRole.inputValue()).toBe('owner'));
    await expectAccessible();
    await dismissToast();

    // Invite: the invitation is pending in the list, then cancelled.
    const invitee = `invitee-${suite.unique()}@example.com`;
    await suite.page.getByLabel('Email address').fill(invitee);
    await suite.page.getByLabel('Role', { exact: true }).selectOption('editor');
    await suite.page.getByTestId('invite-submit').click();
    await suite.page.getByTestId('invite-sent').waitFor();
    const row = suite.page.locator(`[data-invitation="${invitee}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('pending');
    await expectAccessible();
    await row.getByTestId('invitation-cancel').click();
    await row.waitFor({ state: 'detached' });
    const invitations = await asOwner(`/api/v1/workspaces/${slug}/invitations?pageSize=100`);
    expect(invitations.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: invitee, status: 'cancelled' })]),
    );

    // Teams: create one and add the member.
    await suite.page.getByRole('link', { name: 'Teams' }).click();
    await suite.page.getByRole('heading', { name: 'Teams' }).waitFor();
    await suite.page.getByTestId('teams-empty').waitFor();
    await expectAccessible();
    await suite.page.getByLabel('New team name').fill('Blog');
    await suite.page.getByTestId('team-create').click();
    const team = suite.page.locator('[data-team="Blog"]');
    await team.waitFor();
    await team.getByLabel('Member to add to Blog').selectOption({ label: 'Mia Member' });
    await team.getByRole('button', { name: 'Add member' }).click();
    await team.getByRole('button', { name: 'Remove Mia Member from Blog' }).waitFor();
    await expectAccessible();

    // A custom role from the permission grid; the API's validation error lands on the key field.
    await suite.page.getByTestId('nav-roles').click();
    await suite.page.locator('[data-role="owner"]').waitFor();
    await expectAccessible();
    await suite.page.getByTestId('role-new').click();
    await suite.page.locator('[data-permission="read:Team"]').first().waitFor();
    await expectAccessible();
    await suite.page.getByLabel('Name', { exact: true }).fill('Blog editor');
    await suite.page.getByLabel('Key', { exact: true }).fill('Not A Key');
    await suite.page.locator('[data-permission="read:Team"]').first().check();
    await suite.page.locator('[data-permission="update:Team"]').first().check();
    await suite.page.getByTestId('role-save').click();
    await suite.page
      .locator('mat-form-field')
      .filter({ has: suite.page.getByLabel('Key', { exact: true }) })
      .locator('mat-error')
      .waitFor();
    expect(
      (
        await suite.page
          .locator('mat-form-field')
          .filter({ has: suite.page.getByLabel('Key', { exact: true }) })
          .locator('mat-error')
          .textContent()
      )?.trim().length,
    ).toBeGreaterThan(0);
    await expectAccessible();
    await suite.page.getByLabel('Key', { exact: true }).fill('blog-editor');
    await suite.page.getByTestId('role-save').click();
    await suite.page.locator('[data-role="blog-editor"]').waitFor();
    const roles = (await asOwner(`/api/v1/workspaces/${slug}/roles`)) as Array<{ key: string; rules: unknown[] }>;
    const role = roles.find((r) => r.key === 'blog-editor')!;
    expect(role.rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'read', subject: 'Team' }),
        expect.objectContaining({ action: 'update', subject: 'Team' }),
      ]),
    );

    // Assign it to the member.
    await suite.page.getByTestId('nav-members').click();
    const memberRow = suite.page.locator(`[data-member="${member.email}"]`);
    await memberRow.waitFor();
    await memberRow.getByTestId('member-role').selectOption('blog-editor');
    await eventually(async () => {
      const members = (await asOwner(`/api/v1/workspaces/${slug}/members`)) as Array<{ userId: string; role: string }>;
      expect(members.find((m) => m.userId === member.userId)?.role).toBe('blog-editor');
    });

    // A role a member holds cannot be deleted (the API's 409 as a toast); editing keeps the grid's choices.
    await suite.page.getByTestId('nav-roles').click();
    const customRole = suite.page.locator('[data-role="blog-editor"]');
    await customRole.getByRole('button', { name: 'Delete' }).click();
    await suite.page.locator('.quire-error-toast').filter({ hasText: /role/i }).waitFor();
    await dismissToast();
    expect(await customRole.count()).toBe(1);
    await customRole.getByRole('link', { name: 'Edit' }).click();
    await suite.page.getByRole('heading', { name: 'Edit custom role' }).waitFor();
    const updateTeam = suite.page.locator('[data-permission="update:Team"]').first();
    await eventually(async () => expect(await updateTeam.isChecked()).toBe(true));
    expect(await suite.page.getByLabel('Key', { exact: true }).isDisabled()).toBe(true);
    await expectAccessible();
    await updateTeam.uncheck();
    await suite.page.getByTestId('role-save').click();
    await suite.page.locator('[data-role="blog-editor"]').waitFor();
    const edited = (
      (await asOwner(`/api/v1/workspaces/${slug}/roles`)) as Array<{ key: string; rules: unknown[] }>
    ).find((r) => r.key === 'blog-editor')!;
    expect(edited.rules).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'update', subject: 'Team' })]),
    );

    // An API key: the secret once, in a dialog; afterwards nowhere on the suite.page.
    await suite.page.getByTestId('nav-api-keys').click();
    await suite.page.getByTestId('api-keys-empty').waitFor();
    await expectAccessible();
    await suite.page.getByLabel('Name').fill('Site build');
    await suite.page.getByLabel('Kind').selectOption('management');
    // A scope no plugin declares: the API's validation error on the Scopes field.
    await suite.page.getByLabel('Scopes').fill('fly:Nowhere');
    await suite.page.getByTestId('api-key-create').click();
    const scopesError = suite.page
      .locator('mat-form-field')
      .filter({ has: suite.page.getByLabel('Scopes') })
      .locator('mat-error');
    await scopesError.waitFor();
    expect((await scopesError.textContent())?.trim().length).toBeGreaterThan(0);
    await expectAccessible();
    await suite.page.getByLabel('Scopes').fill('read:Team');
    await suite.page.getByTestId('api-key-create').click();
    const secretField = suite.page.getByTestId('api-key-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^qk_/);
    expect(await suite.page.getByRole('dialog').textContent()).toContain('only time');
    await expectAccessible();
    await suite.page.getByTestId('api-key-copy').click();
    await suite.page.getByTestId('api-key-copied').waitFor();
    await suite.page.getByTestId('api-key-done').click();
    await suite.page.getByRole('dialog').waitFor({ state: 'detached' });
    await suite.page.locator('[data-api-key="Site build"]').waitFor();
    expect(await suite.page.content()).not.toContain(secret);
    await expectAccessible();

    // The key works against the API, until it is revoked.
    await suite.sut.http.get(`/api/v1/workspaces/${slug}/teams`).set('Authorization', `Bearer ${secret}`).expect(200);
    await suite.page.locator('[data-api-key="Site build"]').getByTestId('api-key-revoke').click();
    await suite.page
      .locator('[data-api-key="Site build"]')
      .getByTestId('api-key-status')
      .filter({ hasText: 'revoked' })
      .waitFor();
    await suite.sut.http.get(`/api/v1/workspaces/${slug}/teams`).set('Authorization', `Bearer ${secret}`).expect(401);
    await expectAccessible();
  });

  journey('a viewer sees members without the buttons that change them', async () => {
    const { member, slug } = await workspaceWithMember();
    await signInAt(`/w/${slug}/members`, member.email);
    await suite.page.locator(`[data-member="${member.email}"]`).waitFor();
    expect(await suite.page.getByTestId('member-role').count()).toBe(0);
    expect(await suite.page.getByTestId('invite-form').count()).toBe(0);
    // Only their own row offers to leave.
    expect(await suite.page.getByTestId('member-remove').count()).toBe(1);
    expect(await suite.page.getByTestId('nav-api-keys').count()).toBe(0);
    await expectAccessible();
    await suite.page.goto(`${suite.sut.url}/admin/w/${slug}/api-keys`);
    await suite.page.getByTestId('not-allowed').waitFor();
    await expectAccessible();
    // At tablet width the tables scroll inside the page and stay accessible.
    await suite.page.setViewportSize({ width: 800, height: 1000 });
    await suite.page.goto(`${suite.sut.url}/admin/w/${slug}/roles`);
    await suite.page.locator('[data-role="owner"]').waitFor();
    await expectAccessible();
  });
});

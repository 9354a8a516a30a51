import { PassThrough } from 'node:stream';
import { createWinston, loadConfig, WinstonLogger } from '@quire/core';
import { IdentityPlugin, identityOptionsFromConfig } from '@quire/identity';
import {
  createTestApp,
  expectValidationProblem,
  startSmtpMailbox,
  type ReceivedMail,
  type SmtpMailbox,
  type TestApp,
  until,
} from '@quire/testing';
import { WorkspacesPlugin, WorkspacesResolver } from '@quire/workspaces';
import { createHash } from 'node:crypto';

const PASSWORD = 'correct horse battery staple 42';
const INVITED = 'invited you to';

interface Account {
  userId: string;
  email: string;
  token: string;
}

interface Workspace {
  id: string;
  slug: string;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${counter++}`;
const anEmail = (stem = 'inv') => `${stem}-${unique()}@example.com`;
const anIp = () => `203.0.113.${(counter % 250) + 1}`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

describe('Workspace invitations', () => {
  let smtp: SmtpMailbox;
  let sut: TestApp;
  /** Every line the app logs (JSON), to prove that no invitation token reaches the log. */
  const logLines: string[] = [];
  /** Every token mailed during the suite. */
  const mailedTokens: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    // As apps/api configures identity: from the environment, here SMTP_URL pointing at the test's SMTP server.
    const env = { SMTP_URL: smtp.url };
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
    sut = await createTestApp({
      plugins: [IdentityPlugin.with(identityOptionsFromConfig(loadConfig(env))), WorkspacesPlugin],
      env,
      logger: new WinstonLogger(createWinston({ level: 'debug', format: 'json', stream })),
    });
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  // --- helpers ------------------------------------------------------------------------------------------------

  async function signUp(email = anEmail('member')): Promise<Account> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', anIp())
      .send({ email, password: PASSWORD, displayName: 'Ada Lovelace' })
      .expect(201);
    return { userId: response.body.user.id, email, token: response.body.accessToken };
  }

  async function newWorkspace(owner: Account, name = 'Acme'): Promise<Workspace> {
    const response = await sut.http
      .post('/api/v1/workspaces')
      .set(bearer(owner.token))
      .send({ name, slug: `inv-${unique()}` })
      .expect(201);
    return { id: response.body.id, slug: response.body.slug };
  }

  async function addMember(workspace: Workspace, user: Account, role: string): Promise<void> {
    await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, user.userId, 'viewer');
    await sut.dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
      workspace.id,
      user.userId,
      role,
    ]);
  }

  async function newTeam(workspace: Workspace, owner: Account, name = `Team ${unique()}`): Promise<string> {
    const response = await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/teams`)
      .set(bearer(owner.token))
      .send({ name })
      .expect(201);
    return response.body.id;
  }

  const invitationsUrl = (workspace: Workspace, suffix = '') =>
    `/api/v1/workspaces/${workspace.slug}/invitations${suffix}`;

  const invite = (workspace: Workspace, as: Account, body: Record<string, unknown>) =>
    sut.http.post(invitationsUrl(workspace)).set(bearer(as.token)).send(body);

  /** The token of the `count`-th invitation mail to `email`, read out of the link as the invitee would. */
  async function mailedToken(email: string, count = 1): Promise<{ token: string; mail: ReceivedMail }> {
    const mail = await smtp.waitForMail(email, INVITED, count);
    const match = /http:\/\/127\.0\.0\.1:3000\/admin\/invitations\?token=([A-Za-z0-9_-]{43})/.exec(mail.text);
    if (!match) throw new Error(`No invitation link in: ${mail.text}`);
    mailedTokens.push(match[1]);
    return { token: match[1], mail };
  }

  /** Invites `email` (201) and answers the invitation and the mailed token. */
  async function invited(workspace: Workspace, as: Account, body: Record<string, unknown>) {
    const response = await invite(workspace, as, body).expect(201);
    const { token } = await mailedToken(String(body.email).toLowerCase());
    return { invitation: response.body as { id: string } & Record<string, unknown>, token };
  }

  const tokenUrl = (token: string, action = '') => `/api/v1/invitations/${token}${action ? `/${action}` : ''}`;

  function expectProblem(response: { status: number; body: { type?: string } }, status: number, code: string) {
    expect({ status: response.status, type: response.body.type }).toEqual({
      status,
      type: `urn:quire:problem:${code}`,
    });
  }

  const events = async (workspace: Workspace, prefix: string) =>
    (
      await sut.dataSource.query(
        `SELECT event_name, payload FROM quire_outbox WHERE workspace_id = $1 AND event_name LIKE $2 ORDER BY id`,
        [workspace.id, `${prefix}%`],
      )
    ).map((row: { event_name: string; payload: Record<string, unknown> }) => ({
      name: row.event_name,
      payload: row.payload,
    }));

  const memberRole = async (workspace: Workspace, userId: string): Promise<string | undefined> =>
    (
      await sut.dataSource.query(`SELECT role FROM workspace_members WHERE workspace_id = $1 AND user_id = $2`, [
        workspace.id,
        userId,
      ])
    )[0]?.role;

  const invitationRow = async (id: string) =>
    (await sut.dataSource.query(`SELECT * FROM workspace_invitations WHERE id = $1`, [id]))[0];

  // --- the flow -----------------------------------------------------------------------------------------------

  describe('invite, mail, see, accept', () => {
    it('mails a link whose token lets the existing account of that address join with the role and team', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner, 'Acme Research');
      const team = await newTeam(workspace, owner, 'Editorial');
      const invitee = await signUp(anEmail('grace'));

      const created = await invite(workspace, owner, {
        email: `  ${invitee.email.toUpperCase()} `,
        role: 'editor',
        teamId: team,
      }).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        email: invitee.email,
        role: 'editor',
        teamId: team,
        status: 'pending',
        invitedBy: owner.userId,
        expiresAt: expect.any(String),
        respondedAt: null,
        acceptedUserId: null,
        createdAt: expect.any(String),
      });
      const days = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / 86_400_000;
      expect(Math.round(days)).toBe(7);

      const { token, mail } = await mailedToken(invitee.email);
      expect(mail.subject).toBe('Ada Lovelace invited you to Acme Research on Quire');
      expect(mail.text).toContain('expires in 7 days');
      expect(mail.html).toContain(`/admin/invitations?token=${token}`);
      // Only the hash is stored; the delivered mail keeps no text (its link is a credential).
      const row = await invitationRow(created.body.id);
      expect(row.token_hash).toBe(sha256(token));
      expect(JSON.stringify(row)).not.toContain(token);
      const outbox = () =>
        sut.dataSource.query(
          `SELECT status, text_body FROM identity_mail_outbox WHERE recipient = $1 AND template = 'invitation'`,
          [invitee.email],
        );
      await until(async () => (await outbox())[0]?.status === 'sent', 'the invitation mail is marked sent');
      expect(await outbox()).toEqual([{ status: 'sent', text_body: '' }]);

      const preview = await sut.http.get(tokenUrl(token)).expect(200);
      expect(preview.body).toEqual({
        workspaceName: 'Acme Research',
        workspaceSlug: workspace.slug,
        inviterName: 'Ada Lovelace',
        email: invitee.email,
        role: 'editor',
        teamName: 'Editorial',
        expiresAt: created.body.expiresAt,
        accountExists: true,
      });

      const accepted = await sut.http.post(tokenUrl(token, 'accept')).set(bearer(invitee.token)).expect(200);
      expect(accepted.body).toEqual({
        workspaceId: workspace.id,
        workspaceSlug: workspace.slug,
        role: 'editor',
        teamId: team,
      });
      expect(await memberRole(workspace, invitee.userId)).toBe('editor');
      const teams = await sut.http.get(`/api/v1/workspaces/${workspace.slug}/teams/${team}`).set(bearer(invitee.token));
      expect(teams.body.memberIds).toEqual([invitee.userId]);

      const listed = await sut.http.get(invitationsUrl(workspace)).set(bearer(owner.token)).expect(200);
      expect(listed.body.data).toEqual([
        expect.objectContaining({
          id: created.body.id,
          status: 'accepted',
          acceptedUserId: invitee.userId,
          respondedAt: expect.any(String),
        }),
      ]);
      expect(await events(workspace, 'workspaces.invitation.')).toEqual([
        {
          name: 'workspaces.invitation.created',
          payload: {
            invitationId: created.body.id,
            email: invitee.email,
            role: 'editor',
            teamId: team,
            expiresAt: created.body.expiresAt,
          },
        },
        {
          name: 'workspaces.invitation.accepted',
          payload: {
            invitationId: created.body.id,
            email: invitee.email,
            userId: invitee.userId,
            role: 'editor',
            teamId: team,
            signedUp: false,
          },
        },
      ]);
      expect(await events(workspace, 'workspaces.member.added')).toContainEqual({
        name: 'workspaces.member.added',
        payload: { userId: invitee.userId, role: 'editor', via: 'invitation' },
      });

      // Single use: the token is dead from now on.
      expectProblem(await sut.http.get(tokenUrl(token)), 404, 'workspaces.invitation-not-found');
      expectProblem(
        await sut.http.post(tokenUrl(token, 'accept')).set(bearer(invitee.token)),
        404,
        'workspaces.invitation-not-found',
      );
    });

    it('compares the account email without regard to case, and refuses another account with 403', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const invitee = await signUp(anEmail('Mixed.Case'));
      const stranger = await signUp();
      const { token, invitation } = await invited(workspace, owner, { email: invitee.email, role: 'viewer' });

      const mismatch = await sut.http.post(tokenUrl(token, 'accept')).set(bearer(stranger.token));
      expectProblem(mismatch, 403, 'workspaces.invitation-email-mismatch');
      expect(await memberRole(workspace, stranger.userId)).toBeUndefined();
      expect((await invitationRow(invitation.id)).status).toBe('pending');

      await sut.http.post(tokenUrl(token, 'accept')).set(bearer(invitee.token)).expect(200);
      expect(await memberRole(workspace, invitee.userId)).toBe('viewer');
    });

    it('needs a signed-in user to accept (401 without one)', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const { token } = await invited(workspace, owner, { email: anEmail(), role: 'viewer' });
      expectProblem(await sut.http.post(tokenUrl(token, 'accept')), 401, 'core.unauthenticated');
      await sut.http.get(tokenUrl(token)).expect(200);
    });

    it('refuses accepting when already a member with 409, leaving the invitation pending', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const invitee = await signUp();
      const { token, invitation } = await invited(workspace, owner, { email: invitee.email, role: 'editor' });
      // They joined meanwhile another way (SSO just-in-time membership).
      await addMember(workspace, invitee, 'viewer');

      expectProblem(
        await sut.http.post(tokenUrl(token, 'accept')).set(bearer(invitee.token)),
        409,
        'workspaces.already-member',
      );
      expect(await memberRole(workspace, invitee.userId)).toBe('viewer');
      expect((await invitationRow(invitation.id)).status).toBe('pending');
    });
  });

  describe('sign-up through an invitation', () => {
    it('creates the verified account, makes it a member with the role and team, and signs it in', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner, 'Globex');
      const team = await newTeam(workspace, owner, 'Design');
      const email = anEmail('newcomer');
      const { token, invitation } = await invited(workspace, owner, { email, role: 'author', teamId: team });
      expect((await sut.http.get(tokenUrl(token)).expect(200)).body.accountExists).toBe(false);

      const response = await sut.http
        .post(tokenUrl(token, 'sign-up'))
        .send({ password: PASSWORD, displayName: ' Grace Hopper ' })
        .expect(201);
      expect(response.body).toEqual({
        user: {
          id: expect.any(String),
          email,
          displayName: 'Grace Hopper',
          avatarUrl: null,
          emailVerified: true,
          twoFactorEnabled: false,
          platformAdmin: false,
          preferences: {},
        },
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 600,
      });
      const userId = response.body.user.id as string;

      const mine = await sut.http.get('/api/v1/workspaces').set(bearer(response.body.accessToken)).expect(200);
      expect(mine.body).toEqual([expect.objectContaining({ id: workspace.id, role: 'author' })]);
      const teamNow = await sut.http
        .get(`/api/v1/workspaces/${workspace.slug}/teams/${team}`)
        .set(bearer(response.body.accessToken))
        .expect(200);
      expect(teamNow.body.memberIds).toEqual([userId]);
      // The new account signs in with its password like any other; no verification mail was needed.
      await sut.http.post('/api/v1/auth/sign-in').send({ email, password: PASSWORD }).expect(200);
      expect(smtp.mailsTo(email, 'Confirm your email')).toEqual([]);

      expect(await invitationRow(invitation.id)).toMatchObject({ status: 'accepted', accepted_user_id: userId });
      expect(await events(workspace, 'workspaces.invitation.accepted')).toEqual([
        {
          name: 'workspaces.invitation.accepted',
          payload: { invitationId: invitation.id, email, userId, role: 'author', teamId: team, signedUp: true },
        },
      ]);
      const verified = await sut.dataSource.query(
        `SELECT payload FROM quire_outbox WHERE event_name = 'identity.email.verified' AND payload->>'userId' = $1`,
        [userId],
      );
      expect(verified).toEqual([{ payload: { userId, via: 'invitation' } }]);
      expectProblem(
        await sut.http.post(tokenUrl(token, 'sign-up')).send({ password: PASSWORD, displayName: 'Again' }),
        404,
        'workspaces.invitation-not-found',
      );
    });

    it('refuses an address that has an account with 409 (sign in and accept instead)', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const existing = await signUp();
      const { token, invitation } = await invited(workspace, owner, { email: existing.email, role: 'viewer' });

      const response = await sut.http
        .post(tokenUrl(token, 'sign-up'))
        .send({ password: PASSWORD, displayName: 'Impostor' })
        .expect(409);
      expectProblem(response, 409, 'workspaces.invitation-account-exists');
      expect(response.body.detail).toContain('sign in');
      expect((await invitationRow(invitation.id)).status).toBe('pending');
    });

    it('applies the password policy (400 naming password) and writes nothing', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const email = anEmail();
      const { token, invitation } = await invited(workspace, owner, { email, role: 'viewer' });

      const weak = await sut.http.post(tokenUrl(token, 'sign-up')).send({ password: 'short', displayName: 'W' });
      expect(weak.status).toBe(400);
      expectValidationProblem(weak, ['password']);
      const missing = await sut.http.post(tokenUrl(token, 'sign-up')).send({ password: PASSWORD });
      expectValidationProblem(missing, ['displayName']);

      expect(await sut.dataSource.query(`SELECT id FROM identity_users WHERE email = $1`, [email])).toEqual([]);
      expect((await invitationRow(invitation.id)).status).toBe('pending');
    });

    it('is one transaction: a failure after the account was inserted leaves no account, session or membership', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const team = await newTeam(workspace, owner, `Doomed ${unique()}`);
      const email = anEmail('atomic');
      const { token, invitation } = await invited(workspace, owner, { email, role: 'viewer', teamId: team });
      // A real failure late in the transaction (joining the team), after the account and membership were written.
      await sut.dataSource.query(`
        CREATE FUNCTION refuse_team_join() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'team joins refused by this test'; END $$`);
      await sut.dataSource.query(
        `CREATE TRIGGER refuse_team_join BEFORE INSERT ON team_members FOR EACH ROW
           WHEN (NEW.team_id = '${team}') EXECUTE FUNCTION refuse_team_join()`,
      );
      try {
        const response = await sut.http
          .post(tokenUrl(token, 'sign-up'))
          .send({ password: PASSWORD, displayName: 'Atomic' });
        expect(response.status).toBe(500);
      } finally {
        await sut.dataSource.query(`DROP TRIGGER refuse_team_join ON team_members`);
        await sut.dataSource.query(`DROP FUNCTION refuse_team_join()`);
      }

      expect(await sut.dataSource.query(`SELECT id FROM identity_users WHERE email = $1`, [email])).toEqual([]);
      expect(
        await sut.dataSource.query(`SELECT id FROM workspace_members WHERE workspace_id = $1`, [workspace.id]),
      ).toHaveLength(1);
      expect((await invitationRow(invitation.id)).status).toBe('pending');
      expect(await events(workspace, 'workspaces.invitation.accepted')).toEqual([]);
      // The invitation still works once the failure is gone.
      await sut.http.post(tokenUrl(token, 'sign-up')).send({ password: PASSWORD, displayName: 'Atomic' }).expect(201);
    });
  });

  describe('reject, cancel, resend, expiry', () => {
    it('rejects without an account; the token is dead and the invitation kept as rejected', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const email = anEmail();
      const { token, invitation } = await invited(workspace, owner, { email, role: 'viewer' });

      await sut.http.post(tokenUrl(token, 'reject')).expect(204);
      expectProblem(await sut.http.get(tokenUrl(token)), 404, 'workspaces.invitation-not-found');
      expectProblem(await sut.http.post(tokenUrl(token, 'reject')), 404, 'workspaces.invitation-not-found');
      const row = await invitationRow(invitation.id);
      expect(row.status).toBe('rejected');
      expect(row.responded_at).toBeInstanceOf(Date);
      expect((await events(workspace, 'workspaces.invitation.rejected'))[0].payload).toEqual({
        invitationId: invitation.id,
        email,
      });
      // Cancelling what was answered is a 409; inviting the address again is fine.
      expectProblem(
        await sut.http.delete(invitationsUrl(workspace, `/${invitation.id}`)).set(bearer(owner.token)),
        409,
        'workspaces.invitation-not-pending',
      );
      await invite(workspace, owner, { email, role: 'viewer' }).expect(201);
    });

    it('cancels a pending invitation: its token is dead; cancelling twice is a 409', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const invitee = await signUp();
      const { token, invitation } = await invited(workspace, owner, { email: invitee.email, role: 'viewer' });

      await sut.http
        .delete(invitationsUrl(workspace, `/${invitation.id}`))
        .set(bearer(owner.token))
        .expect(204);
      expectProblem(await sut.http.get(tokenUrl(token)), 404, 'workspaces.invitation-not-found');
      expectProblem(
        await sut.http.post(tokenUrl(token, 'accept')).set(bearer(invitee.token)),
        404,
        'workspaces.invitation-not-found',
      );
      expect(await memberRole(workspace, invitee.userId)).toBeUndefined();
      const again = await sut.http.delete(invitationsUrl(workspace, `/${invitation.id}`)).set(bearer(owner.token));
      expectProblem(again, 409, 'workspaces.invitation-not-pending');
      expect(again.body.invitationStatus).toBe('cancelled');
      expectProblem(
        await sut.http.post(invitationsUrl(workspace, `/${invitation.id}/resend`)).set(bearer(owner.token)),
        409,
        'workspaces.invitation-not-pending',
      );
      expect((await events(workspace, 'workspaces.invitation.cancelled'))[0].payload).toEqual({
        invitationId: invitation.id,
        email: invitee.email,
      });
    });

    it('resends with a new token and a new 7-day expiry; the old token is dead', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const email = anEmail();
      const { token: first, invitation } = await invited(workspace, owner, { email, role: 'reviewer' });
      await sut.dataSource.query(
        `UPDATE workspace_invitations SET expires_at = now() + interval '1 day' WHERE id = $1`,
        [invitation.id],
      );

      const resent = await sut.http
        .post(invitationsUrl(workspace, `/${invitation.id}/resend`))
        .set(bearer(owner.token))
        .expect(200);
      expect(resent.body).toMatchObject({ id: invitation.id, status: 'pending', role: 'reviewer' });
      expect(Date.parse(resent.body.expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
      const { token: second } = await mailedToken(email, 2);
      expect(second).not.toBe(first);

      expectProblem(await sut.http.get(tokenUrl(first)), 404, 'workspaces.invitation-not-found');
      expectProblem(await sut.http.post(tokenUrl(first, 'reject')), 404, 'workspaces.invitation-not-found');
      await sut.http.get(tokenUrl(second)).expect(200);
      expect((await events(workspace, 'workspaces.invitation.resent'))[0].payload).toEqual({
        invitationId: invitation.id,
        email,
        expiresAt: resent.body.expiresAt,
      });
    });

    it('expires after 7 days: 410 on the token, listed as expired, not cancellable, revived by a resend', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const invitee = await signUp();
      const { token, invitation } = await invited(workspace, owner, { email: invitee.email, role: 'viewer' });
      await sut.dataSource.query(
        `UPDATE workspace_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [invitation.id],
      );

      const gone = await sut.http.get(tokenUrl(token));
      expectProblem(gone, 410, 'workspaces.invitation-expired');
      expect(gone.body.expiresAt).toEqual(expect.any(String));
      expectProblem(
        await sut.http.post(tokenUrl(token, 'accept')).set(bearer(invitee.token)),
        410,
        'workspaces.invitation-expired',
      );
      expectProblem(await sut.http.post(tokenUrl(token, 'reject')), 410, 'workspaces.invitation-expired');
      expectProblem(
        await sut.http.post(tokenUrl(token, 'sign-up')).send({ password: PASSWORD, displayName: 'Late' }),
        410,
        'workspaces.invitation-expired',
      );

      const expired = await sut.http
        .get(invitationsUrl(workspace))
        .query({ 'filter[status][eq]': 'expired' })
        .set(bearer(owner.token))
        .expect(200);
      expect(expired.body.data.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
        [invitation.id, 'expired'],
      ]);
      const pending = await sut.http
        .get(invitationsUrl(workspace))
        .query({ 'filter[status][eq]': 'pending' })
        .set(bearer(owner.token))
        .expect(200);
      expect(pending.body.meta.total).toBe(0);
      expectProblem(
        await sut.http.delete(invitationsUrl(workspace, `/${invitation.id}`)).set(bearer(owner.token)),
        409,
        'workspaces.invitation-not-pending',
      );

      await sut.http
        .post(invitationsUrl(workspace, `/${invitation.id}/resend`))
        .set(bearer(owner.token))
        .expect(200);
      const { token: revived } = await mailedToken(invitee.email, 2);
      await sut.http.post(tokenUrl(revived, 'accept')).set(bearer(invitee.token)).expect(200);
      expect(await memberRole(workspace, invitee.userId)).toBe('viewer');
    });

    it('replaces an expired invitation when the address is invited again', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const email = anEmail();
      const { token: old, invitation: first } = await invited(workspace, owner, { email, role: 'viewer' });
      await sut.dataSource.query(
        `UPDATE workspace_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [first.id],
      );

      const second = await invite(workspace, owner, { email, role: 'editor' }).expect(201);
      expect((await invitationRow(first.id)).status).toBe('expired');
      expectProblem(await sut.http.get(tokenUrl(old)), 410, 'workspaces.invitation-expired');
      const replaced = await sut.http.post(invitationsUrl(workspace, `/${first.id}/resend`)).set(bearer(owner.token));
      expectProblem(replaced, 409, 'workspaces.invitation-not-pending');
      expect(replaced.body.detail).toContain('replaced');
      const { token } = await mailedToken(email, 2);
      expect((await sut.http.get(tokenUrl(token)).expect(200)).body.role).toBe('editor');
      expect(second.body.status).toBe('pending');
    });
  });

  describe('bad input', () => {
    let owner: Account;
    let workspace: Workspace;
    beforeAll(async () => {
      owner = await signUp();
      workspace = await newWorkspace(owner);
    });

    it.each([['not-an-email'], ['a@'], [''], [42]])('refuses the email %j with 400 naming email', async (email) => {
      expectValidationProblem(await invite(workspace, owner, { email, role: 'viewer' }).expect(400), ['email']);
    });

    it('refuses an unknown role, a missing role and unknown members with 400 naming them', async () => {
      const unknownRole = await invite(workspace, owner, { email: anEmail(), role: 'overlord' }).expect(400);
      expectValidationProblem(unknownRole, ['role']);
      expectValidationProblem(await invite(workspace, owner, { email: anEmail() }).expect(400), ['role']);
      const extra = await invite(workspace, owner, { email: anEmail(), role: 'viewer', admin: true }).expect(400);
      expectValidationProblem(extra, ['admin']);
    });

    it("refuses an unknown teamId and another workspace's team with 400 naming teamId", async () => {
      const otherOwner = await signUp();
      const other = await newWorkspace(otherOwner);
      const foreignTeam = await newTeam(other, otherOwner);
      for (const teamId of ['0192f0c4-7a3e-7c1d-8e2f-123456789abc', foreignTeam]) {
        const response = await invite(workspace, owner, { email: anEmail(), role: 'viewer', teamId }).expect(400);
        expectValidationProblem(response, ['teamId']);
      }
      expectValidationProblem(
        await invite(workspace, owner, { email: anEmail(), role: 'viewer', teamId: 'team-1' }).expect(400),
        ['teamId'],
      );
    });

    it('refuses inviting a member (any case of the address) with 409 workspaces.already-member', async () => {
      const member = await signUp();
      await addMember(workspace, member, 'editor');
      const response = await invite(workspace, owner, { email: member.email.toUpperCase(), role: 'viewer' });
      expectProblem(response, 409, 'workspaces.already-member');
      expectProblem(
        await invite(workspace, owner, { email: owner.email, role: 'admin' }),
        409,
        'workspaces.already-member',
      );
    });

    it('refuses a second pending invitation to the same address with 409 naming the pending one', async () => {
      const email = anEmail();
      const first = await invite(workspace, owner, { email, role: 'viewer' }).expect(201);
      const second = await invite(workspace, owner, { email: email.toUpperCase(), role: 'editor' });
      expectProblem(second, 409, 'workspaces.invitation-pending');
      expect(second.body.invitationId).toBe(first.body.id);
      await mailedToken(email);
      expect(smtp.mailsTo(email, INVITED)).toHaveLength(1);
      // Another workspace may invite the same address at the same time.
      const otherOwner = await signUp();
      await invite(await newWorkspace(otherOwner), otherOwner, { email, role: 'viewer' }).expect(201);
    });

    it('refuses unknown and malformed tokens with the same 404', async () => {
      for (const token of ['A'.repeat(43), 'short', 'x'.repeat(300)]) {
        expectProblem(await sut.http.get(tokenUrl(token)), 404, 'workspaces.invitation-not-found');
        expectProblem(await sut.http.post(tokenUrl(token, 'reject')), 404, 'workspaces.invitation-not-found');
      }
    });

    it('answers 404 to the token of a workspace that was closed', async () => {
      const otherOwner = await signUp();
      const closing = await newWorkspace(otherOwner);
      const { token } = await invited(closing, otherOwner, { email: anEmail(), role: 'viewer' });
      await sut.http.delete(`/api/v1/workspaces/${closing.slug}`).set(bearer(otherOwner.token)).expect(204);
      expectProblem(await sut.http.get(tokenUrl(token)), 404, 'workspaces.invitation-not-found');
    });
  });

  describe('who may invite', () => {
    it('lets an admin invite up to admin, but not an owner (403 workspaces.owner-role-reserved)', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const admin = await signUp();
      await addMember(workspace, admin, 'admin');
      expectProblem(
        await invite(workspace, admin, { email: anEmail(), role: 'owner' }),
        403,
        'workspaces.owner-role-reserved',
      );
      await invite(workspace, admin, { email: anEmail(), role: 'admin' }).expect(201);
      await invite(workspace, owner, { email: anEmail(), role: 'owner' }).expect(201);
    });

    it('refuses an editor every invitation route with 403', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const editor = await signUp();
      await addMember(workspace, editor, 'editor');
      const { invitation } = await invited(workspace, owner, { email: anEmail(), role: 'viewer' });

      expectProblem(await invite(workspace, editor, { email: anEmail(), role: 'viewer' }), 403, 'core.forbidden');
      expectProblem(await sut.http.get(invitationsUrl(workspace)).set(bearer(editor.token)), 403, 'core.forbidden');
      expectProblem(
        await sut.http.delete(invitationsUrl(workspace, `/${invitation.id}`)).set(bearer(editor.token)),
        403,
        'core.forbidden',
      );
      expectProblem(
        await sut.http.post(invitationsUrl(workspace, `/${invitation.id}/resend`)).set(bearer(editor.token)),
        403,
        'core.forbidden',
      );
      expect((await invitationRow(invitation.id)).status).toBe('pending');
    });

    it('lets an API key with the scopes list invitations, but not invite (403 workspaces.user-required)', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const key = await sut.http
        .post(`/api/v1/workspaces/${workspace.slug}/api-keys`)
        .set(bearer(owner.token))
        .send({ name: 'HR sync', kind: 'management', scopes: ['read:Invitation', 'create:Invitation'] })
        .expect(201);
      const asKey = bearer(key.body.secret);
      await sut.http.get(invitationsUrl(workspace)).set(asKey).expect(200);
      const response = await sut.http
        .post(invitationsUrl(workspace))
        .set(asKey)
        .send({ email: anEmail(), role: 'viewer' });
      expectProblem(response, 403, 'workspaces.user-required');
    });

    it("answers 404 to another workspace's invitation id in this workspace's routes, and leaves it alone", async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const victimOwner = await signUp();
      const victim = await newWorkspace(victimOwner);
      const { invitation, token } = await invited(victim, victimOwner, { email: anEmail(), role: 'viewer' });

      for (const request of [
        sut.http.delete(invitationsUrl(workspace, `/${invitation.id}`)),
        sut.http.post(invitationsUrl(workspace, `/${invitation.id}/resend`)),
      ]) {
        expectProblem(await request.set(bearer(owner.token)), 404, 'workspaces.invitation-not-found');
      }
      const listed = await sut.http.get(invitationsUrl(workspace)).set(bearer(owner.token)).expect(200);
      expect(listed.body.data).toEqual([]);
      expectProblem(
        await sut.http.get(invitationsUrl(victim)).set(bearer(owner.token)),
        404,
        'core.workspace-not-found',
      );
      expect((await invitationRow(invitation.id)).status).toBe('pending');
      // The victim's token still answers for the victim's workspace only.
      expect((await sut.http.get(tokenUrl(token)).expect(200)).body.workspaceSlug).toBe(victim.slug);
    });
  });

  describe('the list', () => {
    it('filters, sorts and pages with the list query language; unknown fields are a 400', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const emails = [anEmail('b'), anEmail('a'), anEmail('c')];
      for (const email of emails) await invite(workspace, owner, { email, role: 'viewer' }).expect(201);
      await invite(workspace, owner, { email: anEmail('d'), role: 'editor' }).expect(201);

      const viewers = await sut.http
        .get(invitationsUrl(workspace))
        .query({ 'filter[role][eq]': 'viewer', sort: 'email', pageSize: 2, fields: 'email,status' })
        .set(bearer(owner.token))
        .expect(200);
      expect(viewers.body).toEqual({
        data: [...emails]
          .sort()
          .slice(0, 2)
          .map((email) => ({ email, status: 'pending' })),
        meta: { page: 1, pageSize: 2, total: 3, pageCount: 2 },
      });
      const bad = await sut.http
        .get(invitationsUrl(workspace))
        .query({ 'filter[tokenHash][eq]': 'x' })
        .set(bearer(owner.token))
        .expect(400);
      expectValidationProblem(bad, ['filter[tokenHash]']);
    });
  });

  // Last: after every flow above has run.
  it('never logs a mailed token: the request log masks the `:token` path parameter', () => {
    expect(mailedTokens.length).toBeGreaterThan(10);
    const leaks = logLines.filter((line) => mailedTokens.some((token) => line.includes(token)));
    expect(leaks).toEqual([]);
    expect(logLines.some((line) => line.includes('/api/v1/invitations/[REDACTED]'))).toBe(true);
  });
});

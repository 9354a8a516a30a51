import { loadConfig } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin, identityOptionsFromConfig } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import {
  createTestApp,
  expectValidationProblem,
  startSmtpMailbox,
  type SmtpMailbox,
  type TestApp,
} from '@quire/testing';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import {
  addMember,
  bearer,
  eventsOf,
  newWorkspace,
  seedType,
  signUp,
  type Account,
  type Workspace,
} from './trash-fixtures';

const MENTIONED = 'mentioned you';
const UNKNOWN_ID = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';

const article: ContentTypeDefinition = {
  apiId: 'article',
  kind: 'collection',
  name: 'Article',
  fields: [{ name: 'title', type: 'text', required: true }],
};

interface Member extends Account {
  email: string;
}

interface Site {
  workspace: Workspace;
  owner: Member;
  editor: Member;
  author: Member;
  reviewer: Member;
  viewer: Member;
  auditor: Member;
}

describe('Entry labels and comments', () => {
  let smtp: SmtpMailbox;
  let sut: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    // As apps/api configures identity: from the environment, here SMTP_URL pointing at the test's SMTP server.
    const env = { SMTP_URL: smtp.url };
    sut = await createTestApp({
      plugins: [IdentityPlugin.with(identityOptionsFromConfig(loadConfig(env))), WorkspacesPlugin, ContentPlugin],
      env,
    });
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  const api = (w: Workspace) => `/api/v1/workspaces/${w.slug}`;

  async function account(): Promise<Member> {
    const signedUp = await signUp(sut, 'lc');
    const [{ email }] = await sut.dataSource.query(`SELECT email FROM identity_users WHERE id = $1`, [signedUp.userId]);
    return { ...signedUp, email };
  }
  async function member(workspace: Workspace, role: string): Promise<Member> {
    const added = await account();
    await addMember(sut, workspace, added, role);
    return added;
  }
  async function site(): Promise<Site> {
    const owner = await account();
    const workspace = await newWorkspace(sut, owner, 'lc');
    await seedType(sut, workspace, article);
    return {
      workspace,
      owner,
      editor: await member(workspace, 'editor'),
      author: await member(workspace, 'author'),
      reviewer: await member(workspace, 'reviewer'),
      viewer: await member(workspace, 'viewer'),
      auditor: await member(workspace, 'auditor'),
    };
  }
  async function createEntry(s: Site, as: Account, title: string): Promise<string> {
    const response = await sut.http
      .post(`${api(s.workspace)}/content-types/article/entries`)
      .set(bearer(as))
      .send({ data: { title } })
      .expect(201);
    return response.body.id;
  }
  const createLabel = async (s: Site, as: Account, name: string, color?: string) =>
    (
      await sut.http
        .post(`${api(s.workspace)}/labels`)
        .set(bearer(as))
        .send({ name, color })
        .expect(201)
    ).body as {
      id: string;
      name: string;
      color: string | null;
    };
  const listTitles = async (s: Site, query: string) =>
    (
      await sut.http
        .get(`${api(s.workspace)}/content-types/article/entries?${query}`)
        .set(bearer(s.viewer))
        .expect(200)
    ).body.data.map((item: { data: { title: string } }) => item.data.title);

  describe('labels', () => {
    it('creates, renames and deletes labels with unique names; validates them; by role', async () => {
      const s = await site();
      const legal = await createLabel(s, s.owner, 'Legal review', '#2563EB');
      expect(legal).toMatchObject({ name: 'Legal review', color: '#2563eb' });
      await sut.http
        .post(`${api(s.workspace)}/labels`)
        .set(bearer(s.editor))
        .send({ name: 'legal REVIEW' })
        .expect(409)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.label-name-taken'));
      expectValidationProblem(
        await sut.http
          .post(`${api(s.workspace)}/labels`)
          .set(bearer(s.owner))
          .send({ name: '', color: 'blue' })
          .expect(400),
        ['name', 'color'],
      );
      expectValidationProblem(
        await sut.http
          .post(`${api(s.workspace)}/labels`)
          .set(bearer(s.owner))
          .send({ name: 'X', extra: 1 })
          .expect(400),
        ['extra'],
      );
      await sut.http
        .post(`${api(s.workspace)}/labels`)
        .set(bearer(s.author))
        .send({ name: 'Mine' })
        .expect(403);
      const urgent = await createLabel(s, s.editor, 'Urgent');
      await sut.http
        .patch(`${api(s.workspace)}/labels/${urgent.id}`)
        .set(bearer(s.editor))
        .send({ name: 'LEGAL review' })
        .expect(409);
      const renamed = await sut.http
        .patch(`${api(s.workspace)}/labels/${legal.id}`)
        .set(bearer(s.editor))
        .send({ name: 'Legal', color: null })
        .expect(200);
      expect(renamed.body).toMatchObject({ id: legal.id, name: 'Legal', color: null });
      const list = await sut.http
        .get(`${api(s.workspace)}/labels`)
        .set(bearer(s.viewer))
        .expect(200);
      expect(list.body.items.map((l: { name: string }) => l.name)).toEqual(['Legal', 'Urgent']);
      await sut.http
        .get(`${api(s.workspace)}/labels`)
        .set(bearer(s.auditor))
        .expect(403);
      await sut.http
        .delete(`${api(s.workspace)}/labels/${urgent.id}`)
        .set(bearer(s.author))
        .expect(403);
      await sut.http
        .delete(`${api(s.workspace)}/labels/${urgent.id}`)
        .set(bearer(s.editor))
        .expect(204);
      await sut.http
        .delete(`${api(s.workspace)}/labels/${urgent.id}`)
        .set(bearer(s.editor))
        .expect(404)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.label-not-found'));
      expect(await eventsOf(sut, s.workspace, 'content.label.created')).toEqual([
        { labelId: legal.id, name: 'Legal review' },
        { labelId: urgent.id, name: 'Urgent' },
      ]);
      expect(await eventsOf(sut, s.workspace, 'content.label.updated')).toEqual([{ labelId: legal.id, name: 'Legal' }]);
      expect(await eventsOf(sut, s.workspace, 'content.label.deleted')).toEqual([
        { labelId: urgent.id, name: 'Urgent' },
      ]);
    });

    it('attaches labels to entries the member may update, and filters entry lists by label', async () => {
      const s = await site();
      const legal = await createLabel(s, s.owner, 'Legal');
      const urgent = await createLabel(s, s.owner, 'Urgent');
      const mine = await createEntry(s, s.author, 'Mine');
      const theirs = await createEntry(s, s.editor, 'Theirs');
      await createEntry(s, s.editor, 'Plain');
      const labels = (id: string) => `${api(s.workspace)}/entries/${id}/labels`;

      const attached = await sut.http
        .put(`${labels(mine)}/${legal.id}`)
        .set(bearer(s.author))
        .expect(200);
      expect(attached.body.items).toEqual([expect.objectContaining({ id: legal.id, name: 'Legal' })]);
      // Twice changes nothing (and says nothing twice).
      await sut.http
        .put(`${labels(mine)}/${legal.id}`)
        .set(bearer(s.author))
        .expect(200);
      await sut.http
        .put(`${labels(mine)}/${urgent.id}`)
        .set(bearer(s.editor))
        .expect(200);
      // An author updates their own entries only; readers do not label.
      await sut.http
        .put(`${labels(theirs)}/${legal.id}`)
        .set(bearer(s.author))
        .expect(403);
      await sut.http
        .put(`${labels(theirs)}/${legal.id}`)
        .set(bearer(s.viewer))
        .expect(403);
      await sut.http
        .put(`${labels(theirs)}/${UNKNOWN_ID}`)
        .set(bearer(s.editor))
        .expect(404)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.label-not-found'));
      await sut.http
        .put(`${labels(theirs)}/${legal.id}`)
        .set(bearer(s.editor))
        .expect(200);

      const read = await sut.http.get(labels(mine)).set(bearer(s.viewer)).expect(200);
      expect(read.body.items.map((l: { name: string }) => l.name)).toEqual(['Legal', 'Urgent']);
      expect((await listTitles(s, `label=${legal.id}`)).sort()).toEqual(['Mine', 'Theirs']);
      expect(await listTitles(s, `label=${legal.id},${urgent.id}`)).toEqual(['Mine']);
      expect(await listTitles(s, `label=${UNKNOWN_ID}`)).toEqual([]);
      expectValidationProblem(
        await sut.http
          .get(`${api(s.workspace)}/content-types/article/entries?label=legal`)
          .set(bearer(s.viewer))
          .expect(400),
        ['label'],
      );

      await sut.http
        .delete(`${labels(mine)}/${urgent.id}`)
        .set(bearer(s.author))
        .expect(204);
      await sut.http
        .delete(`${labels(mine)}/${urgent.id}`)
        .set(bearer(s.author))
        .expect(204);
      expect(await listTitles(s, `label=${urgent.id}`)).toEqual([]);
      expect(await eventsOf(sut, s.workspace, 'content.entry.labeled')).toEqual([
        { entryId: mine, contentType: 'article', labelId: legal.id },
        { entryId: mine, contentType: 'article', labelId: urgent.id },
        { entryId: theirs, contentType: 'article', labelId: legal.id },
      ]);
      expect(await eventsOf(sut, s.workspace, 'content.entry.unlabeled')).toEqual([
        { entryId: mine, contentType: 'article', labelId: urgent.id },
      ]);
      // Deleting a label detaches it everywhere.
      await sut.http
        .delete(`${api(s.workspace)}/labels/${legal.id}`)
        .set(bearer(s.owner))
        .expect(204);
      expect((await sut.http.get(labels(theirs)).set(bearer(s.viewer)).expect(200)).body.items).toEqual([]);
    });
  });

  describe('comments', () => {
    const comments = (s: Site, id: string) => `${api(s.workspace)}/entries/${id}/comments`;

    it('mails each mentioned member through SMTP, escaping the comment, and refuses mentions of non-readers', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, 'Launch post');
      const outsider = await account();

      const nonMember = await sut.http
        .post(comments(s, id))
        .set(bearer(s.reviewer))
        .send({ body: 'Look', mentions: [s.author.userId, outsider.userId] })
        .expect(400);
      expectValidationProblem(nonMember, ['mentions.1']);
      expect(nonMember.body.errors[0].message).toContain('not a member');
      const cannotRead = await sut.http
        .post(comments(s, id))
        .set(bearer(s.reviewer))
        .send({ body: 'Look', mentions: [s.auditor.userId] })
        .expect(400);
      expectValidationProblem(cannotRead, ['mentions.0']);
      expect(cannotRead.body.errors[0].message).toContain('may not read');
      expectValidationProblem(
        await sut.http
          .post(comments(s, id))
          .set(bearer(s.reviewer))
          .send({ body: 'x', mentions: ['nope'] })
          .expect(400),
        ['mentions'],
      );
      expectValidationProblem(
        await sut.http.post(comments(s, id)).set(bearer(s.reviewer)).send({ body: 'x', locale: 'de' }).expect(400),
        ['locale'],
      );
      expectValidationProblem(
        await sut.http.post(comments(s, id)).set(bearer(s.reviewer)).send({ body: 'x', locale: 'fr' }).expect(400),
        ['locale'],
      );
      expectValidationProblem(
        await sut.http.post(comments(s, id)).set(bearer(s.reviewer)).send({ body: '' }).expect(400),
        ['body'],
      );
      expect(
        (
          await sut.dataSource.query(`SELECT count(*)::int AS n FROM content_entry_comments WHERE entry_id = $1`, [id])
        )[0].n,
      ).toBe(0);

      const body = 'Please check the numbers <script>alert(1)</script> & the "quote"\nsecond line';
      const created = await sut.http
        .post(comments(s, id))
        .set(bearer(s.reviewer))
        .send({ body, locale: 'en', mentions: [s.author.userId, s.editor.userId.toUpperCase(), s.reviewer.userId] })
        .expect(201);
      expect(created.body).toMatchObject({
        entryId: id,
        locale: 'en',
        authorId: s.reviewer.userId,
        body,
        mentions: [s.author.userId, s.editor.userId, s.reviewer.userId],
        editedAt: null,
      });

      const mail = await smtp.waitForMail(s.author.email, MENTIONED);
      const text = mail.text.replace(/\r\n/g, '\n');
      expect(mail.subject).toBe(`Member ${MENTIONED} in Content on Quire`);
      expect(text).toContain('"Launch post"');
      expect(text).toContain('> Please check the numbers <script>alert(1)</script> & the "quote"\n> second line');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; the &quot;quote&quot;');
      const link = `/admin/workspaces/${s.workspace.slug}/entries/${id}?locale=en#comment-${created.body.id}`;
      expect(text).toContain(link);
      expect(mail.html).toContain(link);
      await smtp.waitForMail(s.editor.email, MENTIONED);
      // The commenter is not mailed about their own words, nobody else is.
      expect(smtp.mailsTo(s.reviewer.email, MENTIONED)).toEqual([]);
      expect(smtp.mailsTo(outsider.email, MENTIONED)).toEqual([]);
      expect(smtp.mailsTo(s.auditor.email, MENTIONED)).toEqual([]);
      const [event] = await eventsOf(sut, s.workspace, 'content.comment.created');
      expect(event).toEqual({
        commentId: created.body.id,
        entryId: id,
        contentType: 'article',
        locale: 'en',
        mentions: [s.author.userId, s.editor.userId, s.reviewer.userId],
      });
    });

    it('lists comments, lets authors edit theirs (new mentions mailed) and delete theirs; admins delete any', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, 'Story');
      const first = await sut.http.post(comments(s, id)).set(bearer(s.author)).send({ body: 'Entry-wide' }).expect(201);
      const second = await sut.http
        .post(comments(s, id))
        .set(bearer(s.reviewer))
        .send({ body: 'About English', locale: 'en' })
        .expect(201);
      await sut.http.post(comments(s, id)).set(bearer(s.viewer)).send({ body: 'Viewer' }).expect(403);
      await sut.http.post(comments(s, id)).set(bearer(s.auditor)).send({ body: 'Auditor' }).expect(403);

      const all = await sut.http.get(comments(s, id)).set(bearer(s.viewer)).expect(200);
      expect(all.body.data.map((c: { body: string }) => c.body)).toEqual(['Entry-wide', 'About English']);
      expect(all.body.meta).toMatchObject({ total: 2, page: 1 });
      const english = await sut.http
        .get(`${comments(s, id)}?filter[locale][eq]=en`)
        .set(bearer(s.viewer))
        .expect(200);
      expect(english.body.data.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
      expectValidationProblem(
        await sut.http
          .get(`${comments(s, id)}?filter[body][eq]=x`)
          .set(bearer(s.viewer))
          .expect(400),
        ['filter[body]'],
      );

      // Only the author edits; new mentions are mailed, earlier ones not again.
      await sut.http
        .patch(`${comments(s, id)}/${second.body.id}`)
        .set(bearer(s.author))
        .send({ body: 'Mine now' })
        .expect(403);
      await sut.http
        .patch(`${comments(s, id)}/${second.body.id}`)
        .set(bearer(s.owner))
        .send({ body: 'Owner' })
        .expect(403);
      const edited = await sut.http
        .patch(`${comments(s, id)}/${second.body.id}`)
        .set(bearer(s.reviewer))
        .send({ body: 'About English, again', mentions: [s.editor.userId] })
        .expect(200);
      expect(edited.body).toMatchObject({ body: 'About English, again', mentions: [s.editor.userId] });
      expect(edited.body.editedAt).not.toBeNull();
      await smtp.waitForMail(s.editor.email, MENTIONED);
      await sut.http
        .patch(`${comments(s, id)}/${second.body.id}`)
        .set(bearer(s.reviewer))
        .send({ mentions: [s.editor.userId, s.author.userId] })
        .expect(200);
      await smtp.waitForMail(s.author.email, MENTIONED);
      expect(smtp.mailsTo(s.editor.email, MENTIONED)).toHaveLength(1);
      expectValidationProblem(
        await sut.http
          .patch(`${comments(s, id)}/${second.body.id}`)
          .set(bearer(s.reviewer))
          .send({ mentions: [UNKNOWN_ID] })
          .expect(400),
        ['mentions.0'],
      );

      // Members delete their own; owners and admins any.
      await sut.http
        .delete(`${comments(s, id)}/${first.body.id}`)
        .set(bearer(s.reviewer))
        .expect(403);
      await sut.http
        .delete(`${comments(s, id)}/${first.body.id}`)
        .set(bearer(s.author))
        .expect(204);
      await sut.http
        .delete(`${comments(s, id)}/${second.body.id}`)
        .set(bearer(s.owner))
        .expect(204);
      await sut.http
        .delete(`${comments(s, id)}/${second.body.id}`)
        .set(bearer(s.owner))
        .expect(404)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.comment-not-found'));
      expect((await sut.http.get(comments(s, id)).set(bearer(s.viewer)).expect(200)).body.data).toEqual([]);
      expect((await eventsOf(sut, s.workspace, 'content.comment.deleted')).map((e) => e.commentId)).toEqual([
        first.body.id,
        second.body.id,
      ]);
    });

    it("erases an entry's comments, mentions and labels with it, and refuses other workspaces' ids", async () => {
      const s = await site();
      const id = await createEntry(s, s.editor, 'Doomed');
      const label = await createLabel(s, s.owner, 'Doomed');
      await sut.http
        .put(`${api(s.workspace)}/entries/${id}/labels/${label.id}`)
        .set(bearer(s.editor))
        .expect(200);
      const comment = await sut.http
        .post(comments(s, id))
        .set(bearer(s.editor))
        .send({ body: 'Bye', mentions: [s.reviewer.userId] })
        .expect(201);

      const attacker = await account();
      const other = await newWorkspace(sut, attacker, 'lc');
      for (const request of [
        sut.http.get(`${api(other)}/entries/${id}/comments`),
        sut.http.post(`${api(other)}/entries/${id}/comments`).send({ body: 'pwned' }),
        sut.http.patch(`${api(other)}/entries/${id}/comments/${comment.body.id}`).send({ body: 'pwned' }),
        sut.http.delete(`${api(other)}/entries/${id}/comments/${comment.body.id}`),
        sut.http.get(`${api(other)}/entries/${id}/labels`),
        sut.http.put(`${api(other)}/entries/${id}/labels/${label.id}`),
        sut.http.patch(`${api(other)}/labels/${label.id}`).send({ name: 'pwned' }),
        sut.http.delete(`${api(other)}/labels/${label.id}`),
        sut.http.get(`${api(s.workspace)}/labels`),
      ]) {
        const response = await request.set(bearer(attacker));
        expect([response.status, response.body.type]).toEqual([404, expect.stringMatching(/not-found$/)]);
      }

      await sut.http
        .delete(`${api(s.workspace)}/entries/${id}`)
        .set(bearer(s.editor))
        .expect(200);
      await sut.http
        .delete(`${api(s.workspace)}/trash/${id}`)
        .set(bearer(s.editor))
        .expect(204);
      const count = async (sql: string) => (await sut.dataSource.query(sql, [id]))[0].n as number;
      expect(await count(`SELECT count(*)::int AS n FROM content_entry_comments WHERE entry_id = $1`)).toBe(0);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM content_comment_mentions m WHERE m.comment_id = '${comment.body.id}' AND $1::uuid IS NOT NULL`,
        ),
      ).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM content_entry_labels WHERE entry_id = $1`)).toBe(0);
      // The label itself is the workspace's: it stays.
      expect(
        (
          await sut.http
            .get(`${api(s.workspace)}/labels`)
            .set(bearer(s.viewer))
            .expect(200)
        ).body.items,
      ).toHaveLength(1);
    });
  });
});

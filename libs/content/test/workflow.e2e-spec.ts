import { Scheduler } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
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

const article: ContentTypeDefinition = {
  apiId: 'article',
  kind: 'collection',
  name: 'Article',
  fields: [
    { name: 'title', type: 'text', required: true },
    // Shared by default: a change of it changes every locale.
    { name: 'priority', type: 'integer' },
  ],
};
const page: ContentTypeDefinition = {
  apiId: 'page',
  kind: 'collection',
  name: 'Page',
  fields: [{ name: 'heading', type: 'text', required: true }],
};
const teaser: ContentTypeDefinition = {
  apiId: 'teaser',
  kind: 'component',
  name: 'Teaser',
  fields: [{ name: 'text', type: 'text' }],
};

/** Draft → In review (two approvals, four-eyes) → Approved (publish stage); `legal` is a custom role. */
const editorial = {
  name: 'Editorial',
  stages: [
    { key: 'draft', name: 'Draft' },
    {
      key: 'review',
      name: 'In review',
      color: '#F59E0B',
      requiredApprovals: 2,
      approverRoles: ['reviewer', 'editor', 'legal'],
    },
    { key: 'approved', name: 'Approved', color: '#16a34a' },
  ],
  transitions: [
    { from: 'draft', to: 'review', roles: ['author', 'editor'] },
    { from: 'review', to: 'approved', roles: ['editor', 'legal'] },
    { from: 'review', to: 'draft', roles: ['editor', 'reviewer'] },
    { from: 'approved', to: 'review', roles: ['editor'] },
  ],
  publishStage: 'approved',
  fourEyes: true,
  contentTypes: ['article'],
};

interface Site {
  workspace: Workspace;
  owner: Account;
  author: Account;
  editor: Account;
  reviewer: Account;
  reviewer2: Account;
  legal: Account;
  viewer: Account;
  workflowId: string;
}

interface WorkflowView {
  workflow: { id: string; name: string; publishStage: string | null; fourEyes: boolean } | null;
  stage: { key: string; enteredRevision: number; enteredBy: string | null } | null;
  contentRevision: number;
  authors: string[];
  approvals: Array<{ approverId: string; revision: number; current: boolean; stage: string }>;
  currentApprovals: number;
  assigneeId: string | null;
  reviewerIds: string[];
  transitions: Array<{ to: string; allowed: boolean }>;
  publishable: boolean;
}

describe('Editorial workflow', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  const api = (w: Workspace) => `/api/v1/workspaces/${w.slug}`;
  const locale = (w: Workspace, id: string, l = 'en') => `${api(w)}/entries/${id}/locales/${l}`;

  async function member(workspace: Workspace, role: string): Promise<Account> {
    const account = await signUp(sut, 'wf');
    await addMember(sut, workspace, account, role);
    return account;
  }

  /** A workspace with every role, the custom role `legal`, the types, and the editorial workflow on articles. */
  async function site(): Promise<Site> {
    const owner = await signUp(sut, 'wf');
    const workspace = await newWorkspace(sut, owner, 'wf');
    await seedType(sut, workspace, article);
    await seedType(sut, workspace, page);
    await seedType(sut, workspace, teaser);
    await sut.http
      .post(`${api(workspace)}/roles`)
      .set(bearer(owner))
      .send({
        key: 'legal',
        name: 'Legal',
        rules: [
          { action: 'read', subject: 'Entry' },
          { action: 'approve', subject: 'Entry' },
        ],
      })
      .expect(201);
    const created = await sut.http
      .post(`${api(workspace)}/workflows`)
      .set(bearer(owner))
      .send(editorial)
      .expect(201);
    return {
      workspace,
      owner,
      author: await member(workspace, 'author'),
      editor: await member(workspace, 'editor'),
      reviewer: await member(workspace, 'reviewer'),
      reviewer2: await member(workspace, 'reviewer'),
      legal: await member(workspace, 'legal'),
      viewer: await member(workspace, 'viewer'),
      workflowId: created.body.id,
    };
  }

  async function createEntry(s: Site, as: Account, data: Record<string, unknown>, type = 'article'): Promise<string> {
    const response = await sut.http
      .post(`${api(s.workspace)}/content-types/${type}/entries`)
      .set(bearer(as))
      .send({ data })
      .expect(201);
    return response.body.id;
  }
  const edit = (s: Site, as: Account, id: string, data: Record<string, unknown>, l = 'en') =>
    sut.http
      .patch(`${api(s.workspace)}/entries/${id}`)
      .set(bearer(as))
      .send({ locale: l, data })
      .expect(200);
  const move = (s: Site, as: Account, id: string, stage: string, l = 'en') =>
    sut.http
      .post(`${locale(s.workspace, id, l)}/stage`)
      .set(bearer(as))
      .send({ stage });
  const approve = (s: Site, as: Account, id: string, body: Record<string, unknown> = {}, l = 'en') =>
    sut.http
      .post(`${locale(s.workspace, id, l)}/approvals`)
      .set(bearer(as))
      .send(body);
  const view = async (s: Site, as: Account, id: string, l = 'en') =>
    (
      await sut.http
        .get(`${locale(s.workspace, id, l)}/workflow`)
        .set(bearer(as))
        .expect(200)
    ).body as WorkflowView;
  const publish = (s: Site, as: Account, id: string, l = 'en') =>
    sut.http.post(`${locale(s.workspace, id, l)}/publish`).set(bearer(as));
  const published = async (id: string, l = 'en') =>
    (
      await sut.dataSource.query(
        `SELECT published_data FROM content_entry_locales WHERE entry_id = $1 AND locale = $2`,
        [id, l],
      )
    )[0]?.published_data as Record<string, unknown> | null;

  /** Two reviewers approve the current values and `legal` moves the entry on to Approved. */
  async function approveAll(s: Site, id: string): Promise<void> {
    await approve(s, s.reviewer, id).expect(200);
    await approve(s, s.reviewer2, id).expect(200);
    await move(s, s.legal, id, 'approved').expect(200);
  }

  describe('workflows', () => {
    it('validates a workflow as a whole, naming every invalid field', async () => {
      const s = await site();
      const bad = await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({
          name: 'Broken',
          stages: [
            { key: 'draft', name: 'Draft' },
            { key: 'draft', name: 'Again', approverRoles: ['ghost-role'] },
          ],
          transitions: [
            { from: 'draft', to: 'published', roles: ['editor'] },
            { from: 'nowhere', to: 'draft', roles: ['nobody'] },
          ],
          publishStage: 'live',
          contentTypes: ['page', 'no-such-type', 'teaser', 'page'],
        })
        .expect(400);
      expectValidationProblem(bad, [
        'stages.1.key',
        'stages.1.approverRoles.0',
        'transitions.0.to',
        'transitions.1.from',
        'transitions.1.roles.0',
        'publishStage',
        'contentTypes.1',
        'contentTypes.2',
        'contentTypes.3',
      ]);
      // The shape first: class-validator names nested fields the same way.
      const shape = await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({
          name: 'Shape',
          stages: [{ key: 'Not Kebab', name: '' }],
          transitions: [{ from: 'a', to: 'b', roles: [] }],
        })
        .expect(400);
      expectValidationProblem(shape, ['stages.0.key', 'stages.0.name', 'transitions.0.roles']);
      await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({ name: 'Empty', stages: [] })
        .expect(400);
      await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({ ...editorial, name: 'First gates nothing', contentTypes: [], publishStage: 'draft' })
        .expect(400)
        .expect((r) => expectValidationProblem(r, ['publishStage']));
      expect(
        (
          await sut.dataSource.query(`SELECT count(*)::int AS n FROM content_workflows WHERE workspace_id = $1`, [
            s.workspace.id,
          ])
        )[0].n,
      ).toBe(1);
    });

    it('keeps a type in one workflow, one default, unique names; lists and reads them', async () => {
      const s = await site();
      const taken = await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({ ...editorial, name: 'Second' })
        .expect(409);
      expect(taken.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-type-taken',
        contentType: 'article',
        workflowId: s.workflowId,
      });
      await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({ ...editorial, name: 'EDITORIAL', contentTypes: [] })
        .expect(409)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.workflow-name-taken'));
      const fallback = await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({ name: 'Simple', stages: [{ key: 'draft', name: 'Draft' }], isDefault: true })
        .expect(201);
      expect(fallback.body).toMatchObject({ isDefault: true, contentTypes: [], transitions: [], fourEyes: false });
      await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({ name: 'Another default', stages: [{ key: 'draft', name: 'Draft' }], isDefault: true })
        .expect(409)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.workflow-default-exists'));

      const one = await sut.http
        .get(`${api(s.workspace)}/workflows/${s.workflowId}`)
        .set(bearer(s.author))
        .expect(200);
      expect(one.body).toMatchObject({
        name: 'Editorial',
        publishStage: 'approved',
        fourEyes: true,
        isDefault: false,
        contentTypes: ['article'],
      });
      // Colours are stored lower case; defaults are filled in.
      expect(one.body.stages[1]).toEqual({
        key: 'review',
        name: 'In review',
        color: '#f59e0b',
        requiredApprovals: 2,
        approverRoles: ['reviewer', 'editor', 'legal'],
        requireAssignedReviewers: false,
      });
      const list = await sut.http
        .get(`${api(s.workspace)}/workflows`)
        .set(bearer(s.editor))
        .expect(200);
      expect(list.body.items.map((w: { name: string }) => w.name)).toEqual(['Editorial', 'Simple']);
      // Authors read workflows, only owners and admins write them; viewers do not see them.
      await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.editor))
        .send(editorial)
        .expect(403);
      await sut.http
        .get(`${api(s.workspace)}/workflows`)
        .set(bearer(s.viewer))
        .expect(403);
      await sut.http
        .get(`${api(s.workspace)}/workflows/0192f0c4-7a3e-7c1d-8e2f-123456789abc`)
        .set(bearer(s.owner))
        .expect(404)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.workflow-not-found'));
      expect(await eventsOf(sut, s.workspace, 'content.workflow.created')).toEqual([
        { workflowId: s.workflowId, name: 'Editorial', contentTypes: ['article'], isDefault: false, reset: 0 },
        { workflowId: fallback.body.id, name: 'Simple', contentTypes: [], isDefault: true, reset: 0 },
      ]);
    });
  });

  describe('stages and approvals', () => {
    it('starts entries in the first stage and refuses transitions the role may not make (403) or that do not exist', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, { title: 'Story' });
      const start = await view(s, s.author, id);
      expect(start).toMatchObject({
        workflow: { id: s.workflowId, name: 'Editorial', publishStage: 'approved', fourEyes: true },
        stage: { key: 'draft', enteredRevision: 0, enteredBy: null },
        authors: [s.author.userId],
        approvals: [],
        publishable: false,
        transitions: [{ to: 'review', allowed: true }],
      });

      const refused = await move(s, s.reviewer, id, 'review').expect(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-transition-forbidden',
        from: 'draft',
        to: 'review',
        role: 'reviewer',
        roles: ['author', 'editor'],
      });
      // Owners have no bypass: the transition lists who may make it.
      await move(s, s.owner, id, 'review').expect(403);
      const undefinedMove = await move(s, s.author, id, 'approved').expect(409);
      expect(undefinedMove.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-transition-undefined',
        allowed: ['review'],
      });
      expectValidationProblem(await move(s, s.author, id, 'published').expect(400), ['stage']);
      expectValidationProblem(
        await sut.http
          .post(`${locale(s.workspace, id)}/stage`)
          .set(bearer(s.author))
          .send({})
          .expect(400),
        ['stage'],
      );
      expect((await view(s, s.author, id)).stage?.key).toBe('draft');

      const moved = await move(s, s.author, id, 'review').expect(200);
      expect(moved.body.stage).toMatchObject({ key: 'review', enteredBy: s.author.userId });
      expect(await eventsOf(sut, s.workspace, 'content.entry.stage-changed')).toEqual([
        { entryId: id, contentType: 'article', locale: 'en', workflowId: s.workflowId, from: 'draft', to: 'review' },
      ]);
    });

    it('needs the required approvals to move forward (409), none to move back; custom roles make transitions', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, { title: 'Story' });
      await move(s, s.author, id, 'review').expect(200);
      const missing = await move(s, s.editor, id, 'approved').expect(409);
      expect(missing.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-approvals-missing',
        stage: 'review',
        required: 2,
        current: 0,
      });
      await approve(s, s.reviewer, id, { note: 'Facts checked' }).expect(200);
      await move(s, s.legal, id, 'approved')
        .expect(409)
        .expect((r) => expect(r.body).toMatchObject({ current: 1 }));
      // The same member twice counts once.
      await approve(s, s.reviewer, id)
        .expect(409)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.workflow-already-approved'));
      const second = await approve(s, s.legal, id).expect(200);
      expect(second.body.currentApprovals).toBe(2);
      const approved = await move(s, s.legal, id, 'approved').expect(200);
      expect(approved.body).toMatchObject({ stage: { key: 'approved' }, publishable: true });
      // Back needs no approvals; the approvals of the earlier visit do not count in the new one.
      await move(s, s.editor, id, 'review').expect(200);
      const again = await view(s, s.editor, id);
      expect(again.currentApprovals).toBe(0);
      expect(again.approvals.map((a) => a.current)).toEqual([false, false]);
      await move(s, s.reviewer, id, 'draft').expect(200);
      expect(await eventsOf(sut, s.workspace, 'content.entry.approved')).toEqual([
        expect.objectContaining({ entryId: id, locale: 'en', stage: 'review', approverId: s.reviewer.userId }),
        expect.objectContaining({ approverId: s.legal.userId }),
      ]);
    });

    it('refuses self-approval under four-eyes, and roles the stage does not list', async () => {
      const s = await site();
      const id = await createEntry(s, s.editor, { title: 'Editor wrote it' });
      await move(s, s.editor, id, 'review').expect(200);
      const self = await approve(s, s.editor, id).expect(403);
      expect(self.body).toMatchObject({ type: 'urn:quire:problem:content.workflow-self-approval', locale: 'en' });
      // Authors hold no approve permission at all.
      const author = await approve(s, s.author, id).expect(403);
      expect(author.body.type).toBe('urn:quire:problem:core.forbidden');
      // Whoever may approve entries, but not in this stage.
      await sut.http
        .put(`${api(s.workspace)}/workflows/${s.workflowId}`)
        .set(bearer(s.owner))
        .send({
          ...editorial,
          stages: [editorial.stages[0], { ...editorial.stages[1], approverRoles: ['legal'] }, editorial.stages[2]],
        })
        .expect(200);
      const role = await approve(s, s.reviewer, id).expect(403);
      expect(role.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-approval-forbidden',
        role: 'reviewer',
        roles: ['legal'],
      });
      expect(
        (
          await sut.dataSource.query(`SELECT count(*)::int AS n FROM content_workflow_approvals WHERE entry_id = $1`, [
            id,
          ])
        )[0].n,
      ).toBe(0);
    });

    it('makes approvals stale when the values change, per locale, and refuses approving an older revision', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, { title: 'Story', priority: 1 });
      await sut.http
        .post(`${locale(s.workspace, id, 'de')}`)
        .set(bearer(s.author))
        .send({ from: 'en' })
        .expect(201);
      await move(s, s.author, id, 'review').expect(200);
      const first = await approve(s, s.reviewer, id).expect(200);
      const seen = first.body.approvals[0].revision as number;
      expect(first.body.approvals[0]).toMatchObject({ approverId: s.reviewer.userId, current: true });

      // Another locale's own values do not touch the English approval…
      await edit(s, s.author, id, { title: 'Geschichte' }, 'de');
      expect((await view(s, s.author, id)).approvals[0].current).toBe(true);
      // …a change of the English values does, and so would one of the shared values.
      await edit(s, s.editor, id, { title: 'Story, edited' });
      const stale = await view(s, s.author, id);
      expect(stale.approvals[0]).toMatchObject({ current: false, revision: seen });
      expect(stale.currentApprovals).toBe(0);
      expect(stale.authors.sort()).toEqual([s.author.userId, s.editor.userId].sort());

      // An approval of the revision seen before the change is refused; the editor wrote a change: four-eyes.
      const outdated = await approve(s, s.reviewer, id, { revision: seen }).expect(409);
      expect(outdated.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-approval-outdated',
        revision: seen,
      });
      expectValidationProblem(await approve(s, s.reviewer, id, { revision: 9999 }).expect(400), ['revision']);
      await approve(s, s.editor, id).expect(403);
      await approve(s, s.reviewer, id).expect(200);
      await approve(s, s.reviewer2, id).expect(200);
      expect((await view(s, s.reviewer, id)).currentApprovals).toBe(2);

      // A shared value changes every locale: the English approvals are stale again.
      await edit(s, s.editor, id, { priority: 2 }, 'de');
      expect((await view(s, s.reviewer, id)).currentApprovals).toBe(0);
      await move(s, s.legal, id, 'approved').expect(409);
    });

    it('answers 409 without a workflow and refuses API keys', async () => {
      const s = await site();
      const pageId = await createEntry(s, s.editor, { heading: 'About' }, 'page');
      expect(await view(s, s.editor, pageId)).toMatchObject({ workflow: null, stage: null, publishable: true });
      await move(s, s.editor, pageId, 'review')
        .expect(409)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.workflow-not-configured'));
      const key = await sut.http
        .post(`${api(s.workspace)}/api-keys`)
        .set(bearer(s.owner))
        .send({ name: 'ci', kind: 'management', scopes: ['read:Entry', 'approve:Entry'] })
        .expect(201);
      const id = await createEntry(s, s.author, { title: 'Story' });
      await sut.http
        .post(`${locale(s.workspace, id)}/approvals`)
        .set('Authorization', `Bearer ${key.body.secret}`)
        .send({})
        .expect(403)
        .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.workflow-member-only'));
    });
  });

  describe('assignments', () => {
    it('sets assignee and reviewers, refusing non-members and members without the right, naming the field', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, { title: 'Story' });
      const outsider = await signUp(sut, 'wf');
      const assignment = (as: Account, body: Record<string, unknown>) =>
        sut.http
          .put(`${locale(s.workspace, id)}/assignment`)
          .set(bearer(as))
          .send(body);

      expectValidationProblem(await assignment(s.editor, { assigneeId: outsider.userId }).expect(400), ['assigneeId']);
      const reviewers = await assignment(s.editor, {
        assigneeId: s.author.userId,
        reviewerIds: [s.reviewer.userId, '0192f0c4-7a3e-7c1d-8e2f-123456789abc', s.viewer.userId, s.reviewer.userId],
      }).expect(400);
      expectValidationProblem(reviewers, ['reviewerIds.1', 'reviewerIds.2', 'reviewerIds.3']);
      expect(reviewers.body.errors.find((e: { path: string }) => e.path === 'reviewerIds.2').message).toContain(
        'approve',
      );
      expectValidationProblem(await assignment(s.editor, { reviewerIds: ['not-a-uuid'] }).expect(400), ['reviewerIds']);
      // The viewer may not edit the entry; an author may not edit another author's entry.
      expectValidationProblem(await assignment(s.editor, { assigneeId: s.viewer.userId }).expect(400), ['assigneeId']);
      // Authors do not assign.
      await assignment(s.author, { assigneeId: s.author.userId }).expect(403);

      const set = await assignment(s.editor, {
        assigneeId: s.author.userId,
        reviewerIds: [s.reviewer.userId, s.legal.userId],
      }).expect(200);
      expect(set.body).toMatchObject({ assigneeId: s.author.userId, reviewerIds: [s.reviewer.userId, s.legal.userId] });
      const replaced = await assignment(s.editor, { assigneeId: null, reviewerIds: [s.reviewer2.userId] }).expect(200);
      expect(replaced.body).toMatchObject({ assigneeId: null, reviewerIds: [s.reviewer2.userId] });
      expect(await eventsOf(sut, s.workspace, 'content.entry.assignment-changed')).toEqual([
        {
          entryId: id,
          contentType: 'article',
          locale: 'en',
          assigneeId: s.author.userId,
          reviewerIds: [s.reviewer.userId, s.legal.userId],
        },
        { entryId: id, contentType: 'article', locale: 'en', assigneeId: null, reviewerIds: [s.reviewer2.userId] },
      ]);
    });

    it('requires every assigned reviewer when the stage says so', async () => {
      const s = await site();
      await sut.http
        .post(`${api(s.workspace)}/workflows`)
        .set(bearer(s.owner))
        .send({
          name: 'Pages',
          stages: [
            { key: 'draft', name: 'Draft', requiredApprovals: 1, requireAssignedReviewers: true },
            { key: 'done', name: 'Done' },
          ],
          transitions: [{ from: 'draft', to: 'done', roles: ['editor'] }],
          contentTypes: ['page'],
        })
        .expect(201);
      const id = await createEntry(s, s.editor, { heading: 'About' }, 'page');
      await sut.http
        .put(`${locale(s.workspace, id)}/assignment`)
        .set(bearer(s.editor))
        .send({ reviewerIds: [s.reviewer.userId, s.reviewer2.userId] })
        .expect(200);
      await approve(s, s.reviewer, id).expect(200);
      const missing = await move(s, s.editor, id, 'done').expect(409);
      expect(missing.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-approvals-missing',
        required: 1,
        current: 1,
        missingReviewers: [s.reviewer2.userId],
      });
      await approve(s, s.reviewer2, id).expect(200);
      await move(s, s.editor, id, 'done').expect(200);
    });
  });

  describe('publishing', () => {
    it('refuses publishing outside the publish stage and keeps the approval evidence with each publish', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, { title: 'Story' });
      const refused = await publish(s, s.editor, id).expect(409);
      expect(refused.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-publish-stage-required',
        locale: 'en',
        stage: 'draft',
        publishStage: 'approved',
      });
      expect(await published(id)).toBeNull();

      await move(s, s.author, id, 'review').expect(200);
      await approveAll(s, id);
      await publish(s, s.editor, id).expect(200);
      expect(await published(id)).toMatchObject({ title: 'Story' });

      const history = await sut.http
        .get(`${locale(s.workspace, id)}/publications`)
        .set(bearer(s.viewer))
        .expect(200);
      expect(history.body.items).toHaveLength(1);
      const [publication] = history.body.items;
      expect(publication).toMatchObject({
        publishedBy: s.editor.userId,
        actor: { type: 'user', id: s.editor.userId },
        evidence: {
          workflow: { id: s.workflowId, name: 'Editorial' },
          stage: { key: 'approved', name: 'Approved', enteredBy: s.legal.userId },
          publishStage: 'approved',
          fourEyes: true,
          previousPublishedRevision: 0,
          authors: [s.author.userId],
          approvedByAuthors: [],
        },
      });
      expect(publication.evidence.approvals).toEqual([
        expect.objectContaining({ approverId: s.reviewer.userId, stage: 'review', onPublishedValues: true }),
        expect.objectContaining({ approverId: s.reviewer2.userId, stage: 'review', onPublishedValues: true }),
      ]);
      const [row] = await sut.dataSource.query(
        `SELECT published_revision FROM content_entry_locales WHERE entry_id = $1 AND locale = 'en'`,
        [id],
      );
      expect(publication.revision).toBe(row.published_revision);

      // A change after the stage was entered: what was approved is not what would go out.
      await edit(s, s.author, id, { title: 'Story, later' });
      const outdated = await publish(s, s.editor, id).expect(409);
      expect(outdated.body).toMatchObject({
        type: 'urn:quire:problem:content.workflow-stage-outdated',
        stage: 'approved',
      });
      expect(await published(id)).toMatchObject({ title: 'Story' });
      expect((await view(s, s.editor, id)).publishable).toBe(false);
      // Back through review: the authors since the last publish are the new ones only.
      await move(s, s.editor, id, 'review').expect(200);
      expect((await view(s, s.editor, id)).authors).toEqual([s.author.userId]);
      await approveAll(s, id);
      await publish(s, s.editor, id).expect(200);
      const again = await sut.http
        .get(`${locale(s.workspace, id)}/publications`)
        .set(bearer(s.viewer))
        .expect(200);
      expect(again.body.items).toHaveLength(2);
      expect(again.body.items[0].evidence.previousPublishedRevision).toBe(publication.revision);
      // Types without a workflow publish as before, with evidence saying so.
      const pageId = await createEntry(s, s.editor, { heading: 'About' }, 'page');
      await publish(s, s.editor, pageId).expect(200);
      const pageHistory = await sut.http
        .get(`${locale(s.workspace, pageId)}/publications`)
        .set(bearer(s.editor))
        .expect(200);
      expect(pageHistory.body.items[0].evidence).toMatchObject({ workflow: null, stage: null, approvals: [] });
    });

    let slots = 0;
    const runJob = async (job: string) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const run = await sut.app.get(Scheduler).runNow(job, new Date(Date.now() - 1000 * ++slots));
        if (run) {
          expect(run).toMatchObject({ jobName: job, status: 'succeeded' });
          return run;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${job} found no free slot`);
    };

    it('records a scheduled publish outside the publish stage as failed, publishing nothing', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, { title: 'Story' });
      const schedule = await sut.http
        .post(`${locale(s.workspace, id)}/schedules`)
        .set(bearer(s.editor))
        .send({ action: 'publish', runAt: new Date(Date.now() + 60_000).toISOString() })
        .expect(201);
      await sut.dataSource.query(`UPDATE content_schedules SET run_at = now() - interval '1 second' WHERE id = $1`, [
        schedule.body.id,
      ]);
      await runJob('content.scheduled-publishing');
      const [row] = await sut.dataSource.query(`SELECT status, error FROM content_schedules WHERE id = $1`, [
        schedule.body.id,
      ]);
      expect(row).toMatchObject({
        status: 'failed',
        error: { code: 'content.workflow-publish-stage-required', status: 409 },
      });
      expect(await published(id)).toBeNull();
      expect(await eventsOf(sut, s.workspace, 'content.entry.schedule-failed')).toEqual([
        expect.objectContaining({ entryId: id, code: 'content.workflow-publish-stage-required' }),
      ]);

      // In the publish stage, the job publishes, and the evidence names the job as the actor.
      await move(s, s.author, id, 'review').expect(200);
      await approveAll(s, id);
      const next = await sut.http
        .post(`${locale(s.workspace, id)}/schedules`)
        .set(bearer(s.editor))
        .send({ action: 'publish', runAt: new Date(Date.now() + 60_000).toISOString() })
        .expect(201);
      await sut.dataSource.query(`UPDATE content_schedules SET run_at = now() - interval '1 second' WHERE id = $1`, [
        next.body.id,
      ]);
      await runJob('content.scheduled-publishing');
      expect(await published(id)).toMatchObject({ title: 'Story' });
      const history = await sut.http
        .get(`${locale(s.workspace, id)}/publications`)
        .set(bearer(s.editor))
        .expect(200);
      expect(history.body.items[0]).toMatchObject({
        publishedBy: null,
        actor: { type: 'system', id: 'content.scheduled-publishing' },
        evidence: { stage: { key: 'approved' } },
      });
    });

    it("lists the publish stage among a release check's reasons, and fails a release run without partial publish", async () => {
      const s = await site();
      const story = await createEntry(s, s.author, { title: 'Story' });
      const about = await createEntry(s, s.editor, { heading: 'About' }, 'page');
      const release = await sut.http
        .post(`${api(s.workspace)}/releases`)
        .set(bearer(s.editor))
        .send({ name: 'Launch' })
        .expect(201);
      for (const entryId of [about, story]) {
        await sut.http
          .post(`${api(s.workspace)}/releases/${release.body.id}/items`)
          .set(bearer(s.editor))
          .send({ entryId, locale: 'en', action: 'publish' })
          .expect(201);
      }
      const checked = await sut.http
        .post(`${api(s.workspace)}/releases/${release.body.id}/validate`)
        .set(bearer(s.editor))
        .expect(200);
      expect(JSON.stringify(checked.body)).toContain('content.workflow-publish-stage-required');
      await sut.http
        .patch(`${api(s.workspace)}/releases/${release.body.id}`)
        .set(bearer(s.editor))
        .send({ scheduledAt: '2035-01-01T09:00', timeZone: 'UTC' })
        .expect(400)
        .expect((r) =>
          expect(r.body.failures).toEqual([
            expect.objectContaining({ entryId: story, code: 'content.workflow-publish-stage-required' }),
          ]),
        );

      // At run time (scheduled before the entry fell out of its stage, say): failed, nothing published.
      await sut.dataSource.query(
        `UPDATE content_releases SET status = 'scheduled', scheduled_at = now() - interval '1 second', time_zone = 'UTC' WHERE id = $1`,
        [release.body.id],
      );
      await runJob('content.release-publishing');
      const [row] = await sut.dataSource.query(`SELECT status, error FROM content_releases WHERE id = $1`, [
        release.body.id,
      ]);
      expect(row.status).toBe('failed');
      expect(row.error.failures).toEqual([
        expect.objectContaining({ entryId: story, code: 'content.workflow-publish-stage-required' }),
      ]);
      expect(await published(story)).toBeNull();
      expect(await published(about)).toBeNull();
      expect(
        (
          await sut.dataSource.query(`SELECT count(*)::int AS n FROM content_publications WHERE workspace_id = $1`, [
            s.workspace.id,
          ])
        )[0].n,
      ).toBe(0);
    });
  });

  describe('changes of workflows and entries', () => {
    it('puts entry locales back in the first stage when their stage or workflow goes; deletes their rows with the entry', async () => {
      const s = await site();
      const id = await createEntry(s, s.author, { title: 'Story' });
      await move(s, s.author, id, 'review').expect(200);
      await approveAll(s, id);
      // The workflow without its Approved stage: the entry is back in Draft.
      const replaced = await sut.http
        .put(`${api(s.workspace)}/workflows/${s.workflowId}`)
        .set(bearer(s.owner))
        .send({
          ...editorial,
          stages: editorial.stages.slice(0, 2),
          transitions: editorial.transitions.filter((t) => t.to !== 'approved' && t.from !== 'approved'),
          publishStage: 'review',
        })
        .expect(200);
      expect(replaced.body.stages.map((st: { key: string }) => st.key)).toEqual(['draft', 'review']);
      expect((await view(s, s.editor, id)).stage?.key).toBe('draft');
      expect(await eventsOf(sut, s.workspace, 'content.workflow.updated')).toEqual([
        expect.objectContaining({ workflowId: s.workflowId, reset: 1 }),
      ]);
      // The type leaves the workflow: no stages, publishing is not gated.
      await move(s, s.author, id, 'review').expect(200);
      await sut.http
        .put(`${api(s.workspace)}/workflows/${s.workflowId}`)
        .set(bearer(s.owner))
        .send({ ...editorial, contentTypes: [] })
        .expect(200);
      expect(await view(s, s.editor, id)).toMatchObject({ workflow: null, stage: null, publishable: true });
      // Back in: it starts over in the first stage.
      await sut.http
        .put(`${api(s.workspace)}/workflows/${s.workflowId}`)
        .set(bearer(s.owner))
        .send(editorial)
        .expect(200);
      expect((await view(s, s.editor, id)).stage?.key).toBe('draft');
      await move(s, s.author, id, 'review').expect(200);
      await approve(s, s.reviewer, id).expect(200);
      await sut.http
        .put(`${locale(s.workspace, id)}/assignment`)
        .set(bearer(s.editor))
        .send({ assigneeId: s.author.userId, reviewerIds: [s.reviewer.userId] })
        .expect(200);

      // Trash and delete for good: every workflow row of the entry goes with it.
      await sut.http
        .delete(`${api(s.workspace)}/entries/${id}`)
        .set(bearer(s.editor))
        .expect(200);
      await sut.http
        .delete(`${api(s.workspace)}/trash/${id}`)
        .set(bearer(s.editor))
        .expect(204);
      for (const table of [
        'content_workflow_states',
        'content_workflow_approvals',
        'content_entry_assignments',
        'content_change_authors',
        'content_publications',
      ]) {
        const [{ n }] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE entry_id = $1`, [id]);
        expect([table, n]).toEqual([table, 0]);
      }

      await sut.http
        .delete(`${api(s.workspace)}/workflows/${s.workflowId}`)
        .set(bearer(s.owner))
        .expect(204);
      await sut.http
        .get(`${api(s.workspace)}/workflows/${s.workflowId}`)
        .set(bearer(s.owner))
        .expect(404);
      expect(await eventsOf(sut, s.workspace, 'content.workflow.deleted')).toEqual([
        { workflowId: s.workflowId, name: 'Editorial' },
      ]);
    });

    it("refuses another workspace's entries and workflows", async () => {
      const b = await site();
      const id = await createEntry(b, b.author, { title: 'B secret' });
      const attacker = await signUp(sut, 'wf');
      const a = await newWorkspace(sut, attacker, 'wf');
      for (const request of [
        sut.http.get(`${locale(a, id)}/workflow`),
        sut.http.post(`${locale(a, id)}/stage`).send({ stage: 'review' }),
        sut.http.post(`${locale(a, id)}/approvals`).send({}),
        sut.http.put(`${locale(a, id)}/assignment`).send({ assigneeId: null }),
        sut.http.get(`${locale(a, id)}/publications`),
        sut.http.get(`${api(a)}/workflows/${b.workflowId}`),
        sut.http.put(`${api(a)}/workflows/${b.workflowId}`).send({ ...editorial, contentTypes: [] }),
        sut.http.delete(`${api(a)}/workflows/${b.workflowId}`),
      ]) {
        const response = await request.set(bearer(attacker));
        expect([response.status, response.body.type]).toEqual([404, expect.stringMatching(/not-found$/)]);
      }
      await sut.http
        .get(`${locale(b.workspace, id)}/workflow`)
        .set(bearer(attacker))
        .expect(404);
      expect((await view(b, b.owner, id)).stage?.key).toBe('draft');
      await sut.http
        .get(`${api(b.workspace)}/workflows/${b.workflowId}`)
        .set(bearer(b.owner))
        .expect(200);
    });
  });
});

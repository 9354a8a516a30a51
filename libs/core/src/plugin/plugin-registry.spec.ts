import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { PluginRegistry } from './plugin-registry';
import { formatPluginProblem, PluginRegistryError } from './plugin-registry.errors';
import type { QuirePlugin } from './plugin.types';
import { aContentPlugin, aPlugin, aReviewsPlugin, NoopJob } from './fixtures/plugin.factory';
import { LegacyReview, MediaAsset, Review, ReviewDraft, ReviewVote, VoteTally } from './fixtures/test-entities';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPlugin = QuirePlugin<any>;

function resolveError(plugins: AnyPlugin[]): PluginRegistryError {
  try {
    PluginRegistry.resolve(plugins);
  } catch (error) {
    if (error instanceof PluginRegistryError) return error;
    throw error;
  }
  throw new Error('expected PluginRegistry.resolve to refuse these plugins');
}

/** Asserts that resolving refuses with exactly these problem lines (after the header), in this order. */
function expectProblems(plugins: AnyPlugin[], lines: string[]): PluginRegistryError {
  expect(() => PluginRegistry.resolve(plugins)).toThrow(PluginRegistryError);
  const error = resolveError(plugins);
  const noun = lines.length === 1 ? 'problem' : 'problems';
  expect(error.message.split('\n')).toEqual([
    `Quire cannot start: ${lines.length} plugin declaration ${noun}.`,
    ...lines,
  ]);
  expect(error.problems.map(formatPluginProblem)).toEqual(lines);
  return error;
}

describe(PluginRegistry.name, () => {
  describe('load order', () => {
    it('puts every plugin after the plugins it requires; among plugins ready to load, the one configured first', () => {
      const sut = PluginRegistry.resolve([
        aPlugin('content', { requires: { media: '^1.0.0', workspaces: '^1.0.0' } }),
        aPlugin('media', { requires: { workspaces: '^1.0.0' } }),
        aPlugin('audit'),
        aPlugin('workspaces'),
        aPlugin('billing'),
      ]);

      expect(sut.plugins.map((p) => p.name)).toEqual(['audit', 'workspaces', 'media', 'content', 'billing']);
    });

    it('keeps the configured order of plugins that do not depend on each other', () => {
      const sut = PluginRegistry.resolve([aPlugin('zeta'), aPlugin('alpha'), aPlugin('mid')]);

      expect(sut.plugins.map((p) => p.name)).toEqual(['zeta', 'alpha', 'mid']);
    });

    it('accepts a prerelease that satisfies the required range', () => {
      const sut = PluginRegistry.resolve([
        aPlugin('media', { version: '1.3.0-beta.2' }),
        aPlugin('content', { requires: { media: '^1.0.0' } }),
      ]);

      expect(sut.get('content')?.definition.requires).toEqual({ media: '^1.0.0' });
    });

    it('exposes entities, migrations and jobs in load order', () => {
      class MediaInit1730000000000 {
        async up(): Promise<void> {}
        async down(): Promise<void> {}
      }
      class ReviewsInit1730000000001 {
        async up(): Promise<void> {}
        async down(): Promise<void> {}
      }
      const sut = PluginRegistry.resolve([
        aReviewsPlugin({ requires: { content: '^1.0.0', media: '^1.0.0' }, migrations: [ReviewsInit1730000000001] }),
        aContentPlugin({ requires: { media: '^1.0.0' } }),
        aPlugin('media', {
          entities: [MediaAsset],
          migrations: [MediaInit1730000000000],
          jobs: [{ name: 'media.sweep', cron: '*/30 * * * * *', run: NoopJob }],
        }),
      ]);

      expect(sut.plugins.map((p) => p.name)).toEqual(['media', 'content', 'acme-reviews']);
      expect(sut.entities()).toEqual([MediaAsset, Review]);
      expect(sut.migrations()).toEqual([MediaInit1730000000000, ReviewsInit1730000000001]);
      expect(sut.jobs().map((job) => [job.plugin, job.name, job.run])).toEqual([
        ['media', 'media.sweep', NoopJob],
        ['acme-reviews', 'acme-reviews.recount', NoopJob],
      ]);
      expect(sut.get('media')?.version).toBe('1.0.0');
      expect(sut.get('nope')).toBeUndefined();
    });

    it('lists permission subjects, and each shared action once', () => {
      const sut = PluginRegistry.resolve([aContentPlugin(), aReviewsPlugin()]);

      expect(sut.permissionSubjects()).toEqual(['Entry', 'Review']);
      expect(sut.permissionActions()).toEqual(['read', 'publish', 'moderate']);
    });
  });

  describe('options', () => {
    it('merges .with() options over the defaults and validates the result', () => {
      const sut = PluginRegistry.resolve([aContentPlugin(), aReviewsPlugin().with({ maxReviewsPerEntry: 5 })]);

      expect(sut.get('acme-reviews')?.options).toEqual({ maxReviewsPerEntry: 5, moderation: 'post' });
    });

    it('refuses options that break the options schema, naming each option and rule', () => {
      const reviews = aReviewsPlugin().with({
        maxReviewsPerEntry: 0,
        moderation: 'later' as 'pre',
        colour: 'red',
      } as never);

      expectProblems(
        [aContentPlugin(), reviews],
        [
          'Plugin "acme-reviews": option "colour" is not declared in the schema. Fix: pass a valid "colour" in AcmeReviewsPlugin.with({...}), or correct options.defaults of "acme-reviews".',
          'Plugin "acme-reviews": option "maxReviewsPerEntry" must be >= 1. Fix: pass a valid "maxReviewsPerEntry" in AcmeReviewsPlugin.with({...}), or correct options.defaults of "acme-reviews".',
          'Plugin "acme-reviews": option "moderation" must be one of "none", "pre", "post". Fix: pass a valid "moderation" in AcmeReviewsPlugin.with({...}), or correct options.defaults of "acme-reviews".',
        ],
      );
    });

    it('refuses options given to a plugin that declares no options schema', () => {
      const media = aPlugin<{ bucket: string }>('media').with({ bucket: 'assets' });

      expectProblems(
        [media],
        [
          'Plugin "media": options were given with .with(...), but the plugin declares no options schema. Fix: remove the .with(...) call on "media", or declare options: { schema, defaults } in its definePlugin.',
        ],
      );
    });

    it('refuses an options schema that does not compile', () => {
      const media = aPlugin('media', {
        options: { schema: { type: 'object', properties: { bucket: { minLenght: 1 } } }, defaults: undefined },
      });

      expectProblems(
        [media],
        [
          'Plugin "media": its options schema does not compile (strict mode: unknown keyword: "minLenght"). Fix: correct options.schema in definePlugin: it must be valid JSON Schema 2020-12.',
        ],
      );
    });
  });

  describe('settings and admin', () => {
    it('refuses settings defaults that break the settings schema', () => {
      const reviews = aReviewsPlugin({
        settings: {
          schema: { type: 'object', properties: { showStars: { type: 'boolean' } } },
          defaults: { showStars: 'yes' },
        },
      });

      expectProblems(
        [aContentPlugin(), reviews],
        [
          'Plugin "acme-reviews": settings default "showStars" must be boolean. Fix: change settings.defaults.showStars so it matches settings.schema.',
        ],
      );
    });

    it('refuses settings defaults that are not an object (workspaces store settings one by one)', () => {
      const reviews = aReviewsPlugin({
        settings: { schema: { type: 'integer' }, defaults: 5 as unknown as Record<string, unknown> },
      });

      expectProblems(
        [aContentPlugin(), reviews],
        [
          'Plugin "acme-reviews": settings defaults must be an object of default values, not a number. Fix: declare settings: { schema: { type: "object", properties: {...} }, defaults: {...} }.',
        ],
      );
    });

    it('refuses a settings form from a schema the plugin does not declare', () => {
      expectProblems(
        [aPlugin('media', { admin: { settingsForm: 'from-schema' } })],
        [
          'Plugin "media": admin.settingsForm is "from-schema", but the plugin declares no settings schema. Fix: declare settings: { schema, defaults }, or remove admin.settingsForm.',
        ],
      );
    });

    it('refuses an admin nav entry id that another plugin already uses', () => {
      const media = aPlugin('media', {
        admin: { nav: [{ id: 'reviews', label: 'Media reviews', route: 'media/reviews' }] },
      });

      expectProblems(
        [aContentPlugin(), aReviewsPlugin(), media],
        [
          'Plugin "media": admin nav entry id "reviews" is also used by plugin "acme-reviews". Fix: give the entry another id, e.g. "media-reviews".',
        ],
      );
    });

    it('refuses an admin nav entry that requires a permission no plugin declares', () => {
      const media = aPlugin('media', {
        admin: { nav: [{ id: 'media', label: 'Media', route: 'media', requires: ['read', 'Asset'] }] },
      });

      expectProblems(
        [media],
        [
          'Plugin "media": admin nav entry "media" requires ["read", "Asset"], which no loaded plugin declares. Fix: name an action and a subject declared in permissions (or "manage"/"all").',
        ],
      );
    });
  });

  describe('identity', () => {
    it('refuses a list entry that is not a plugin value', () => {
      class MediaModule {}

      expectProblems(
        [aPlugin('content'), MediaModule as unknown as AnyPlugin],
        [
          'Plugin "plugins[1]": plugins[1] is the class or function MediaModule, not a plugin value. Fix: pass the value returned by definePlugin({...}) (or its .with(...)), not a Nest module or a bare definition.',
        ],
      );
    });

    it('refuses a name that is not lower-case kebab-case', () => {
      expectProblems(
        [aPlugin('Acme_Reviews')],
        [
          'Plugin "Acme_Reviews": name "Acme_Reviews" is not lower-case kebab-case of 2 to 50 characters. Fix: rename the plugin, e.g. "acme-reviews".',
        ],
      );
    });

    it('refuses a version that is not semver', () => {
      expectProblems(
        [aPlugin('media', { version: '1.4' })],
        [
          'Plugin "media": version "1.4" is not a valid semantic version. Fix: set version to MAJOR.MINOR.PATCH, e.g. "1.4.0".',
        ],
      );
    });

    it('reports a plugin listed twice once, without repeating each of its declarations as a clash', () => {
      expectProblems(
        [aContentPlugin(), aReviewsPlugin(), aReviewsPlugin().with({ maxReviewsPerEntry: 1 })],
        [
          'Plugin "acme-reviews": two plugins are named "acme-reviews" (plugins[1] and plugins[2]). Fix: remove one of them from the plugins list, or rename one.',
        ],
      );
    });

    it('refuses two plugins with the same name', () => {
      expectProblems(
        [aPlugin('media'), aPlugin('content'), aPlugin('media', { version: '2.0.0' })],
        [
          'Plugin "media": two plugins are named "media" (plugins[0] and plugins[2]). Fix: remove one of them from the plugins list, or rename one.',
        ],
      );
    });
  });

  describe('dependencies', () => {
    it('refuses a required plugin that is not loaded', () => {
      expectProblems(
        [aPlugin('content', { requires: { media: '^1.0.0' } })],
        [
          'Plugin "content": requires "media" ^1.0.0, which is not loaded. Fix: add the "media" plugin (e.g. MediaPlugin) to the plugins list, or remove "media" from the requires of "content".',
        ],
      );
    });

    it('refuses a required plugin loaded in a version outside the range', () => {
      expectProblems(
        [aPlugin('media', { version: '1.4.0' }), aPlugin('content', { requires: { media: '^2.0.0' } })],
        [
          'Plugin "content": requires "media" ^2.0.0, but "media" 1.4.0 is loaded. Fix: load a version of "media" that satisfies ^2.0.0, or widen requires.media of "content" to include 1.4.0.',
        ],
      );
    });

    it('refuses a requirement whose range is not semver', () => {
      expectProblems(
        [aPlugin('media'), aPlugin('content', { requires: { media: 'version one' } })],
        [
          'Plugin "content": requires "media" with "version one", which is not a valid semver range. Fix: write a range such as "^1.0.0" in requires.media.',
        ],
      );
    });

    it('refuses two loaded plugins of which one declares a conflict with the other, once per pair', () => {
      expectProblems(
        [aPlugin('media', { conflicts: ['legacy-media'] }), aPlugin('legacy-media', { conflicts: ['media'] })],
        [
          'Plugin "media": conflicts with "legacy-media", which is also loaded. Fix: remove either "media" or "legacy-media" from the plugins list.',
        ],
      );
    });

    it('ignores a conflict with a plugin that is not loaded', () => {
      expect(() => PluginRegistry.resolve([aPlugin('media', { conflicts: ['legacy-media'] })])).not.toThrow();
    });

    it('refuses a dependency cycle, naming the whole cycle', () => {
      expectProblems(
        [
          aPlugin('zed'),
          aPlugin('alpha', { requires: { zed: '^1.0.0', beta: '^1.0.0' } }),
          aPlugin('beta', { requires: { gamma: '^1.0.0' } }),
          aPlugin('gamma', { requires: { alpha: '^1.0.0', zed: '^1.0.0' } }),
        ],
        [
          'Plugin "alpha": its requirements form a cycle: alpha -> beta -> gamma -> alpha. Fix: break the cycle by removing one requirement (e.g. "alpha" from the requires of "gamma"); move what they share into a plugin both require.',
        ],
      );
    });

    it('refuses a plugin that requires itself', () => {
      expectProblems(
        [aPlugin('media', { requires: { media: '^1.0.0' } })],
        [
          'Plugin "media": its requirements form a cycle: media -> media. Fix: break the cycle by removing one requirement (e.g. "media" from the requires of "media"); move what they share into a plugin both require.',
        ],
      );
    });
  });

  describe('permissions', () => {
    it('refuses a subject declared by two plugins', () => {
      const acme = aPlugin('acme', { permissions: { subjects: ['Entry'], actions: ['read'] } });

      expectProblems(
        [aContentPlugin(), acme],
        [
          'Plugin "acme": permission subject "Entry" is declared by both "content" and "acme". Fix: rename the subject of "acme", e.g. "AcmeEntry".',
        ],
      );
    });

    it('refuses a subject that is not PascalCase and an action that is not a lower-case verb', () => {
      const acme = aPlugin('acme', { permissions: { subjects: ['blog_post'], actions: ['Approve'] } });

      expectProblems(
        [acme],
        [
          'Plugin "acme": permission subject "blog_post" is not PascalCase. Fix: rename it, e.g. "BlogPost".',
          'Plugin "acme": permission action "Approve" is not a lower-case verb (kebab-case allowed). Fix: rename it, e.g. "approve".',
        ],
      );
    });

    it('refuses declaring the CASL wildcard action', () => {
      expectProblems(
        [aPlugin('acme', { permissions: { subjects: ['Thing'], actions: ['manage', 'bulk-edit'] } })],
        [
          'Plugin "acme": permission action "manage" is CASL\'s wildcard for every action and cannot be declared. Fix: remove "manage" from permissions.actions; grants may still use it.',
        ],
      );
    });

    it('refuses grants to a role that is not built in', () => {
      const acme = aPlugin('acme', {
        permissions: {
          subjects: ['Thing'],
          actions: ['read'],
          grants: { superuser: [{ action: 'read', subject: 'Thing' }] } as never,
        },
      });

      expectProblems(
        [acme],
        [
          'Plugin "acme": grants name role "superuser", which is not a built-in role. Fix: use one of owner, admin, editor, author, reviewer, viewer, auditor; custom roles are created per workspace, not declared by plugins.',
        ],
      );
    });

    it('refuses grants naming a subject or an action that no loaded plugin declares', () => {
      const acme = aPlugin('acme', {
        permissions: {
          subjects: ['Thing'],
          actions: ['read'],
          grants: { editor: [{ action: ['read', 'archive'], subject: ['Thing', 'Entry'] }] },
        },
      });

      expectProblems(
        [acme],
        [
          'Plugin "acme": a grant to "editor" names subject "Entry", which no loaded plugin declares. Fix: declare "Entry" in permissions.subjects, load the plugin that declares it, or correct the name.',
          'Plugin "acme": a grant to "editor" names action "archive", which no loaded plugin declares. Fix: declare "archive" in permissions.actions, load the plugin that declares it, or correct the name.',
        ],
      );
    });

    it("accepts grants on another loaded plugin's subject and CASL's manage/all", () => {
      expect(() => PluginRegistry.resolve([aContentPlugin(), aReviewsPlugin()])).not.toThrow();
    });

    it('refuses subjectFields for a subject the plugin does not declare itself', () => {
      const acme = aPlugin('acme', {
        permissions: {
          subjects: ['Thing'],
          actions: ['read'],
          subjectFields: { Thing: { conditions: ['ownerId'] }, Entry: { fields: ['title'] } },
        },
      });
      expectProblems(
        [aContentPlugin(), acme],
        [
          'Plugin "acme": permissions.subjectFields names subject "Entry", which this plugin does not declare. Fix: declare "Entry" in permissions.subjects, or describe only this plugin\'s own subjects.',
        ],
      );
    });
  });

  describe('entities', () => {
    it('refuses an entity class without @Entity', () => {
      expectProblems(
        [aPlugin('acme', { entities: [ReviewDraft] })],
        [
          'Plugin "acme": entity class ReviewDraft has no @Entity() decorator, so TypeORM maps it to no table. Fix: add @Entity({ name: \'review_draft\' }) to ReviewDraft, or remove it from entities.',
        ],
      );
    });

    it('refuses an undefined entity, as a circular import leaves it', () => {
      expectProblems(
        [aPlugin('acme', { entities: [Review, undefined as never] })],
        [
          'Plugin "acme": entities[1] is undefined, not an entity class. Fix: check the import of that entity (a circular import between files yields undefined).',
        ],
      );
    });

    it('refuses two entities of different plugins that map to the same table', () => {
      expectProblems(
        [aPlugin('content', { entities: [Review] }), aPlugin('acme', { entities: [LegacyReview] })],
        [
          'Plugin "acme": entity LegacyReview maps to table "reviews", which entity Review of plugin "content" already maps to. Fix: give LegacyReview its own table with @Entity({ name: \'acme_reviews\' }), or remove one of the two entities.',
        ],
      );
    });

    it('derives the default table name like TypeORM does when comparing tables', () => {
      expectProblems(
        [aPlugin('acme', { entities: [ReviewVote, VoteTally] })],
        [
          'Plugin "acme": entity VoteTally maps to table "review_vote", which entity ReviewVote of plugin "acme" already maps to. Fix: give VoteTally its own table with @Entity({ name: \'acme_review_vote\' }), or remove one of the two entities.',
        ],
      );
    });

    it('refuses the same entity class listed by two plugins', () => {
      expectProblems(
        [aPlugin('content', { entities: [Review] }), aPlugin('acme', { entities: [Review] })],
        [
          'Plugin "acme": entity Review is also listed by plugin "content". Fix: list Review only in the plugin that owns its table.',
        ],
      );
    });
  });

  describe('data inventory and retention', () => {
    it("refuses a data inventory entry for a table that none of the plugin's own entities maps to", () => {
      const reviews = aReviewsPlugin({ entities: [] });

      expectProblems(
        [aContentPlugin({ entities: [Review] }), reviews],
        [
          'Plugin "acme-reviews": a data inventory entry names table "reviews", which no entity of "acme-reviews" maps to. Fix: add the entity that maps to "reviews" to the entities of "acme-reviews", or correct the table name (its tables: none).',
          'Plugin "acme-reviews": retention policy "acme-reviews.old-reviews" names table "reviews", which no entity of "acme-reviews" maps to. Fix: add the entity that maps to "reviews" to the entities of "acme-reviews", or correct the table name (its tables: none).',
        ],
      );
    });

    it('refuses a subject column and field columns that are not columns of the table', () => {
      const reviews = aReviewsPlugin({
        dataInventory: [
          {
            table: 'reviews',
            subjectColumn: 'authorId',
            fields: [
              { column: 'author_email', category: 'contact' },
              { column: 'author_name', category: 'identity' },
            ],
            purpose: 'Show who wrote a review',
            legalBasis: 'legitimate-interest',
            retention: 'Two years',
            onErasure: 'anonymize',
          },
        ],
      });

      expectProblems(
        [aContentPlugin(), reviews],
        [
          'Plugin "acme-reviews": data inventory of table "reviews": subjectColumn "authorId" is not a column of table "reviews" (its columns: id, author_id, author_email, created_at, cover_asset_id). Fix: name one of those columns, or map the entity property to it with @Column({ name: \'authorId\' }).',
          'Plugin "acme-reviews": data inventory of table "reviews": field "author_name" is not a column of table "reviews" (its columns: id, author_id, author_email, created_at, cover_asset_id). Fix: name one of those columns, or map the entity property to it with @Column({ name: \'author_name\' }).',
        ],
      );
    });

    it("compares columns with TypeORM's default naming, which keeps camelCase property names", () => {
      const votes = aPlugin('votes', {
        entities: [ReviewVote],
        dataInventory: [
          {
            table: 'review_vote',
            subjectColumn: 'voterId',
            fields: [{ column: 'voter_id', category: 'identity' }],
            purpose: 'Count votes once per person',
            legalBasis: 'legitimate-interest',
            retention: 'While the review exists',
            onErasure: 'delete',
          },
        ],
      });

      expectProblems(
        [votes],
        [
          'Plugin "votes": data inventory of table "review_vote": field "voter_id" is not a column of table "review_vote" (its columns: id, voterId). Fix: name one of those columns, or map the entity property to it with @Column({ name: \'voter_id\' }).',
        ],
      );
    });

    it('refuses a retention policy name that another plugin already uses', () => {
      const votes = aPlugin('votes', {
        entities: [ReviewVote],
        retention: [
          {
            name: 'acme-reviews.old-reviews',
            table: 'review_vote',
            ageColumn: 'id',
            action: 'delete',
            keep: { days: 30 },
            description: 'Old votes',
          },
        ],
      });

      expectProblems(
        [aContentPlugin(), aReviewsPlugin(), votes],
        [
          'Plugin "votes": retention policy "acme-reviews.old-reviews" is also declared by plugin "acme-reviews". Fix: rename one of them, e.g. "votes.old-reviews".',
        ],
      );
    });

    it('refuses a retention policy whose age column is not a column of its table', () => {
      const reviews = aReviewsPlugin({
        retention: [
          {
            name: 'acme-reviews.old',
            table: 'reviews',
            ageColumn: 'updated_at',
            action: 'delete',
            keep: { days: 90 },
            description: 'Old',
          },
        ],
      });

      expectProblems(
        [aContentPlugin(), reviews],
        [
          'Plugin "acme-reviews": retention policy "acme-reviews.old": ageColumn "updated_at" is not a column of table "reviews" (its columns: id, author_id, author_email, created_at, cover_asset_id). Fix: name one of those columns, or map the entity property to it with @Column({ name: \'updated_at\' }).',
        ],
      );
    });
    it('refuses id, workspace, user and anonymized columns that are not columns of the table', () => {
      const reviews = aReviewsPlugin({
        retention: [
          {
            name: 'acme-reviews.old',
            table: 'reviews',
            ageColumn: 'created_at',
            idColumn: 'review_id',
            workspaceColumn: 'workspace_id',
            userColumn: 'author_id',
            action: 'anonymize',
            anonymize: { author_email: null, author_name: null },
            keep: { days: 90 },
            description: 'Old',
          },
        ],
      });
      const columns = '(its columns: id, author_id, author_email, created_at, cover_asset_id)';

      expectProblems(
        [aContentPlugin(), reviews],
        [
          `Plugin "acme-reviews": retention policy "acme-reviews.old": idColumn "review_id" is not a column of table "reviews" ${columns}. Fix: name one of those columns, or map the entity property to it with @Column({ name: 'review_id' }).`,
          `Plugin "acme-reviews": retention policy "acme-reviews.old": workspaceColumn "workspace_id" is not a column of table "reviews" ${columns}. Fix: name one of those columns, or map the entity property to it with @Column({ name: 'workspace_id' }).`,
          `Plugin "acme-reviews": retention policy "acme-reviews.old": anonymize column "author_name" is not a column of table "reviews" ${columns}. Fix: name one of those columns, or map the entity property to it with @Column({ name: 'author_name' }).`,
        ],
      );
    });

    it('refuses an anonymizing policy that says neither how (anonymize) nor who (executor)', () => {
      const reviews = aReviewsPlugin({
        retention: [
          {
            name: 'acme-reviews.old',
            table: 'reviews',
            ageColumn: 'created_at',
            action: 'anonymize',
            keep: { days: 90 },
            description: 'Old',
          },
        ],
      });

      expectProblems(
        [aContentPlugin(), reviews],
        [
          'Plugin "acme-reviews": retention policy "acme-reviews.old" anonymizes but declares neither anonymize nor executor. Fix: add anonymize: { <column>: null | "<replacement>" } for each personal column, or an executor that anonymizes a batch.',
        ],
      );
    });

    it('refuses setting and plan durations that name no option of a loaded plugin, or an option of the wrong shape', () => {
      const policy = { table: 'reviews', ageColumn: 'created_at', action: 'delete' as const, description: 'Old' };
      const reviews = aReviewsPlugin({
        retention: [
          { ...policy, name: 'acme-reviews.a', keep: { setting: 'keepDays', defaultDays: 90 } },
          { ...policy, name: 'acme-reviews.b', keep: { setting: 'billing.keepDays', defaultDays: 90 } },
          { ...policy, name: 'acme-reviews.c', keep: { setting: 'acme-reviews.keepDays', defaultDays: 90 } },
          { ...policy, name: 'acme-reviews.d', keep: { setting: 'acme-reviews.moderation', defaultDays: 90 } },
          { ...policy, name: 'acme-reviews.e', keep: { plan: 'acme-reviews.maxReviewsPerEntry', defaultDays: 9 } },
          { ...policy, name: 'acme-reviews.f', keep: { setting: 'acme-reviews.maxReviewsPerEntry', defaultDays: 9 } },
        ],
      });

      expectProblems(
        [aContentPlugin(), reviews],
        [
          'Plugin "acme-reviews": retention policy "acme-reviews.a": keep.setting "keepDays" does not name an option of a loaded plugin. Fix: name it "<plugin>.<option>", e.g. "acme-reviews.keepDays", and load that plugin.',
          'Plugin "acme-reviews": retention policy "acme-reviews.b": keep.setting "billing.keepDays" does not name an option of a loaded plugin. Fix: name it "<plugin>.<option>", e.g. "acme-reviews.keepDays", and load that plugin.',
          'Plugin "acme-reviews": retention policy "acme-reviews.c": keep.setting "acme-reviews.keepDays" is not an option of plugin "acme-reviews". Fix: declare the option "keepDays" (days, a positive number) in the options of "acme-reviews".',
          'Plugin "acme-reviews": retention policy "acme-reviews.d": keep.setting "acme-reviews.moderation" is a string, not a positive number of days. Fix: declare the option "moderation" (days, a positive number) in the options of "acme-reviews".',
          'Plugin "acme-reviews": retention policy "acme-reviews.e": keep.plan "acme-reviews.maxReviewsPerEntry" needs a workspaceColumn to read each row\'s workspace plan. Fix: add workspaceColumn: "<column holding the workspace id>", or keep the rows a fixed number of days.',
          'Plugin "acme-reviews": retention policy "acme-reviews.e": keep.plan "acme-reviews.maxReviewsPerEntry" is a number, not a map { default: days, <plan>: days }. Fix: declare the option "maxReviewsPerEntry" as { default: <days>, <plan>: <days> } in the options of "acme-reviews".',
        ],
      );
    });
  });

  describe('jobs', () => {
    it('refuses a job name without the plugin prefix', () => {
      expectProblems(
        [aPlugin('media', { jobs: [{ name: 'sweepOrphans', cron: '0 * * * *', run: NoopJob }] })],
        [
          'Plugin "media": job "sweepOrphans" is not named "media.<kebab-name>". Fix: rename it to "media.sweep-orphans".',
        ],
      );
    });

    it('refuses a job name declared twice', () => {
      const job = { name: 'media.sweep', cron: '0 * * * *', run: NoopJob };

      expectProblems(
        [aPlugin('media', { jobs: [job, job] })],
        ['Plugin "media": job "media.sweep" is declared twice. Fix: give each job its own name.'],
      );
    });

    it('refuses an invalid cron expression', () => {
      expectProblems(
        [aPlugin('media', { jobs: [{ name: 'media.sweep', cron: '61 * * * *', run: NoopJob }] })],
        [
          'Plugin "media": job "media.sweep" has an invalid cron expression "61 * * * *" (Field value (61) is out of range). Fix: write five fields (minute hour day-of-month month day-of-week) or six with seconds first, e.g. "0 3 * * *".',
        ],
      );
    });
  });

  describe('public events', () => {
    const published = { name: 'content.entry.published', description: 'An entry locale was published' };

    it('lists the events every loaded plugin offers, in load order, with the plugin offering it', () => {
      const sut = PluginRegistry.resolve([
        aPlugin('media', {
          requires: { content: '^1.0.0' },
          publicEvents: [{ name: 'media.asset.created', description: 'An asset was uploaded' }],
        }),
        aPlugin('content', {
          publicEvents: [published, { name: 'content.entry.stage-changed', description: 'Moved to another stage' }],
        }),
      ]);

      expect(sut.publicEvents()).toEqual([
        { ...published, plugin: 'content' },
        { name: 'content.entry.stage-changed', description: 'Moved to another stage', plugin: 'content' },
        { name: 'media.asset.created', description: 'An asset was uploaded', plugin: 'media' },
      ]);
    });

    it('refuses an event that is not named after the plugin: a plugin offers only its own events', () => {
      expectProblems(
        [aPlugin('webhooks', { publicEvents: [published] })],
        [
          'Plugin "webhooks": public event "content.entry.published" is not named after the plugin ("webhooks.<subject>.<past-tense-verb>"). Fix: offer only the plugin\'s own events, e.g. "webhooks.entry.published".',
        ],
      );
    });

    it('refuses a name that is not past tense or not kebab-case, and an event without description', () => {
      expectProblems(
        [
          aPlugin('content', {
            publicEvents: [
              { name: 'content.entry.publish', description: 'Publishes' },
              { name: 'content.Entry.created', description: 'Created' },
              { name: 'content.entry.created', description: ' ' },
            ],
          }),
        ],
        [
          'Plugin "content": public event "content.entry.publish" is not "<plugin>.<subject>.<past-tense-verb>" in kebab-case. Fix: name what happened in the past tense, e.g. "content.item.created" or "content.item.stage-changed".',
          'Plugin "content": public event "content.Entry.created" is not "<plugin>.<subject>.<past-tense-verb>" in kebab-case. Fix: name what happened in the past tense, e.g. "content.item.created" or "content.item.stage-changed".',
          'Plugin "content": public event "content.entry.created" has no description. Fix: describe what happened in a sentence, for the people who subscribe to it.',
        ],
      );
    });

    it('refuses an event declared twice', () => {
      expectProblems(
        [aPlugin('content', { publicEvents: [published, published] })],
        [
          'Plugin "content": public event "content.entry.published" is declared twice. Fix: declare each public event once.',
        ],
      );
    });
  });

  it('reports every problem at once, grouped by plugin in configured order', () => {
    const error = expectProblems(
      [
        aPlugin('content', {
          requires: { media: '^1.0.0' },
          jobs: [{ name: 'content.purge', cron: 'every day', run: NoopJob }],
        }),
        aPlugin('Search', { version: 'latest' }),
        aPlugin('content'),
      ],
      [
        'Plugin "content": requires "media" ^1.0.0, which is not loaded. Fix: add the "media" plugin (e.g. MediaPlugin) to the plugins list, or remove "media" from the requires of "content".',
        'Plugin "content": job "content.purge" has an invalid cron expression "every day" (Unknown alias: eve). Fix: write five fields (minute hour day-of-month month day-of-week) or six with seconds first, e.g. "0 3 * * *".',
        'Plugin "Search": name "Search" is not lower-case kebab-case of 2 to 50 characters. Fix: rename the plugin, e.g. "search".',
        'Plugin "Search": version "latest" is not a valid semantic version. Fix: set version to MAJOR.MINOR.PATCH, e.g. "1.0.0".',
        'Plugin "content": two plugins are named "content" (plugins[0] and plugins[2]). Fix: remove one of them from the plugins list, or rename one.',
      ],
    );

    expect(error.problems.map((p) => p.plugin)).toEqual(['content', 'content', 'Search', 'Search', 'content']);
  });

  describe('summaries', () => {
    it('describes what each loaded plugin contributes, as plain data', () => {
      const sut = PluginRegistry.resolve([aContentPlugin(), aReviewsPlugin().with({ maxReviewsPerEntry: 3 })]);

      expect(sut.summaries()).toEqual([
        {
          name: 'content',
          version: '1.0.0',
          requires: {},
          contributes: {
            permissions: { subjects: ['Entry'], actions: ['read', 'publish'] },
            tables: [],
            jobs: [],
            retention: [],
            dataInventory: [],
            settings: false,
            admin: {},
          },
        },
        {
          name: 'acme-reviews',
          version: '1.2.0',
          description: 'Reader reviews of entries',
          requires: { content: '^1.0.0' },
          contributes: {
            permissions: { subjects: ['Review'], actions: ['read', 'moderate'] },
            tables: ['reviews'],
            jobs: ['acme-reviews.recount'],
            retention: ['acme-reviews.old-reviews'],
            dataInventory: ['reviews'],
            settings: true,
            admin: {
              nav: [{ id: 'reviews', label: 'Reviews', icon: 'star', route: 'reviews', requires: ['read', 'Review'] }],
              settingsForm: 'from-schema',
            },
          },
        },
      ]);
    });

    it('never exposes plugin options, which may hold secrets', () => {
      const sut = PluginRegistry.resolve([aContentPlugin(), aReviewsPlugin()]);

      expect(JSON.stringify(sut.summaries())).not.toContain('maxReviewsPerEntry');
    });
  });
});

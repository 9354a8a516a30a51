import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (issue #6, docs/webhooks.md): subscriptions per workspace with their sealed signing secret, the
 * deliveries of each event to each subscription, and every attempt of a delivery. An event is delivered once per
 * subscription (a partial unique index; replays are new rows that name their original). Deleting a webhook deletes
 * its delivery log.
 */
export class WebhooksInit1764500000000 implements MigrationInterface {
  name = 'WebhooksInit1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        content_types text[],
        description text NOT NULL DEFAULT '',
        enabled boolean NOT NULL DEFAULT true,
        secret_ciphertext text NOT NULL,
        previous_secret_ciphertext text,
        previous_secret_expires_at timestamptz,
        dead_deliveries_in_a_row integer NOT NULL DEFAULT 0,
        disabled_reason text,
        disabled_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (workspace_id, created_at)`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_name text NOT NULL,
        body text NOT NULL,
        actor_id text,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'retrying', 'succeeded', 'dead', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL CHECK (max_attempts >= 1),
        last_attempt_at timestamptz,
        last_status integer,
        last_error text,
        replay_of_id uuid REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    // The event handler may run twice for one event (at least once): the second insert finds the first.
    await db.query(`
      CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (subscription_id, event_id)
        WHERE replay_of_id IS NULL`);
    await db.query(
      `CREATE INDEX webhook_deliveries_log ON webhook_deliveries (workspace_id, subscription_id, created_at)`,
    );
    await db.query(
      `CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (workspace_id, created_at) WHERE status = 'dead'`,
    );
    // The daily purge of the delivery log, across workspaces.
    await db.query(`CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at)`);
    await db.query(`CREATE INDEX webhook_deliveries_replay_of ON webhook_deliveries (replay_of_id)`);
    await db.query(`
      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        url text NOT NULL,
        response_status integer,
        response_excerpt text,
        error text,
        outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
        CONSTRAINT webhook_delivery_attempts_once UNIQUE (delivery_id, attempt)
      )`);
    await db.query(`CREATE INDEX webhook_delivery_attempts_workspace ON webhook_delivery_attempts (workspace_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_delivery_attempts`);
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_subscriptions`);
  }
}

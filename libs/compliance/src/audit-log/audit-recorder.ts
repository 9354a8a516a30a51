import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventRecorders, PluginRegistry, uuidv7, type EventRecorder, type RecordedEvent } from '@quire/core';
import type { EntityManager } from 'typeorm';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';
import { redactChanges } from './audit-redaction';
import { auditSubject } from './audit-subject';

/** The chain of installation-level events (no workspace). */
export const INSTALLATION_CHAIN = 'installation';

/**
 * Writes one audit record per published event, in the publishing transaction (the kernel's event-recorder hook), so
 * no plugin can change state without a record. Appends are serialised per chain by locking its head row.
 */
@Injectable()
export class AuditRecorder implements EventRecorder, OnModuleInit {
  private readonly sensitive: ReadonlySet<string>;

  constructor(
    private readonly recorders: EventRecorders,
    registry: PluginRegistry,
  ) {
    this.sensitive = sensitiveFieldNames(registry);
  }

  onModuleInit(): void {
    this.recorders.register(this);
  }

  async record(manager: EntityManager, event: RecordedEvent): Promise<void> {
    const chainKey = event.workspaceId ?? INSTALLATION_CHAIN;
    await manager.query(
      `INSERT INTO compliance_audit_chain_heads (chain_key, workspace_id, last_hash, anchor_hash)
       VALUES ($1, $2, $3, $3) ON CONFLICT (chain_key) DO NOTHING`,
      [chainKey, event.workspaceId, GENESIS_HASH],
    );
    const [head]: Array<{ last_sequence: string; last_hash: string }> = await manager.query(
      `SELECT last_sequence, last_hash FROM compliance_audit_chain_heads WHERE chain_key = $1 FOR UPDATE`,
      [chainKey],
    );
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const subject = auditSubject(event.name, payload);
    const changes = payload['changes'] === undefined ? null : redactChanges(payload['changes'], this.sensitive);
    const fields: HashedAuditFields = {
      workspaceId: event.workspaceId,
      sequence: Number(head!.last_sequence) + 1,
      eventId: event.id,
      occurredAt: event.occurredAt,
      actorType: event.actor.type,
      actorId: event.actor.id,
      impersonatorId: event.actor.impersonatorId ?? null,
      action: event.name,
      subjectType: subject.type,
      subjectId: subject.id,
      requestId: event.requestId,
      ip: event.ip,
      userAgent: event.userAgent,
      changes,
    };
    const hash = auditHash(fields, head!.last_hash);
    await manager.query(
      `INSERT INTO compliance_audit_log (id, workspace_id, sequence, event_id, occurred_at, actor_type, actor_id,
         impersonator_id, action, subject_type, subject_id, request_id, ip, user_agent, changes, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        uuidv7(),
        fields.workspaceId,
        fields.sequence,
        fields.eventId,
        fields.occurredAt,
        fields.actorType,
        fields.actorId,
        fields.impersonatorId,
        fields.action,
        fields.subjectType,
        fields.subjectId,
        fields.requestId,
        fields.ip,
        fields.userAgent,
        changes === null ? null : JSON.stringify(changes),
        head!.last_hash,
        hash,
      ],
    );
    await manager.query(
      `UPDATE compliance_audit_chain_heads SET last_sequence = $2, last_hash = $3 WHERE chain_key = $1`,
      [chainKey, fields.sequence, hash],
    );
  }
}

/** Columns the plugins' data inventories mark sensitive, as snake_case and camelCase keys. */
function sensitiveFieldNames(registry: PluginRegistry): Set<string> {
  const names = new Set<string>();
  for (const plugin of registry.plugins) {
    for (const entry of plugin.definition.dataInventory ?? []) {
      for (const field of entry.fields) {
        if (!field.sensitive) continue;
        names.add(field.column);
        names.add(field.column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
      }
    }
  }
  return names;
}

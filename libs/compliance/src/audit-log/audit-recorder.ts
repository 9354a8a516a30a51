import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventRecorders, PluginRegistry, uuidv7, type EventRecorder, type RecordedEvent } from '@quire/core';
import type { EntityManager } from 'typeorm';
import { redactChanges } from './audit-redaction';
import { auditSubject } from './audit-subject';

/**
 * Writes one audit record per published event, in the publishing transaction (the kernel's event-recorder hook), so
 * no plugin can change state without a record. The record is inserted unsealed and takes no lock: the AuditSealer
 * gives it its sequence and hash after commit, so writers of a workspace never wait on each other here.
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
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const subject = auditSubject(event.name, payload);
    // The recorders-only diff (EventBus.publish's `changes` option) when given, else the payload's `changes`.
    const given = event.changes ?? payload['changes'];
    const changes = given === undefined ? null : redactChanges(given, this.sensitive);
    // Unsealed: the sealer chains it once this transaction has committed (see AuditSealer).
    await manager.query(
      `INSERT INTO compliance_audit_log (id, workspace_id, event_id, occurred_at, actor_type, actor_id,
         impersonator_id, action, subject_type, subject_id, request_id, ip, user_agent, changes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        uuidv7(),
        event.workspaceId,
        event.id,
        event.occurredAt,
        event.actor.type,
        event.actor.id,
        event.actor.impersonatorId ?? null,
        event.name,
        subject.type,
        subject.id,
        event.requestId,
        event.ip,
        event.userAgent,
        changes === null ? null : JSON.stringify(changes),
      ],
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

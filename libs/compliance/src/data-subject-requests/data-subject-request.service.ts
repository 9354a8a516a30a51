import { Injectable, Logger } from '@nestjs/common';
import {
  EventBus,
  fetchPage,
  parseListQuery,
  selectFields,
  TenantDataSource,
  uuidv7,
  type RequestContext,
} from '@quire/core';
import { MailSender } from '@quire/identity';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { AppliedRequests } from './applied-requests';
import { DataSubjectRequest } from './data-subject-request.entity';
import {
  DataSubjectNotFoundError,
  DataSubjectRequestNotFoundError,
  OverlappingRequestError,
  RequestStatusConflictError,
  RequestTypeMismatchError,
  VerificationCodeError,
} from './data-subject-request.errors';
import './data-subject-request.events';
import { dataSubjectRequestListSpec } from './data-subject-request.list-spec';
import {
  APPLIED_TYPES,
  EXPORT_TYPES,
  OPEN_STATUSES,
  RESPONSE_DAYS,
  type RequestChannel,
  type RequestType,
  type VerificationMethod,
} from './data-subject-request.types';
import {
  toRequestResponse,
  type DataSubjectRequestListResponse,
  type DataSubjectRequestResponse,
} from './dto/request.response';
import { ErasureRunner } from './erasure/erasure.runner';
import { jsonValue } from './json-value';
import { checkRequestDetails } from './request-details';
import { CODE_ATTEMPTS, CODE_MINUTES, codeMatches, newVerificationCode, REQUEST_IN_WORDS } from './verification-code';

/** Whose requests a caller reaches: their own (self-service) or everyone's (a platform administrator). */
export type RequestScope = { self: string } | 'administrator';

export interface NewRequest {
  userId: string;
  type: RequestType;
  details: Record<string, unknown>;
  requestedBy: string;
  channel: RequestChannel;
  verification: { method: VerificationMethod; note?: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Data-subject requests from receipt to answer: received (and, by email code, awaiting verification), verified,
 * then answered by an export, an erasure or an applied change — or rejected or cancelled. Every step publishes its
 * event in the step's transaction, which is its audit record.
 */
@Injectable()
export class DataSubjectRequestService {
  private readonly logger = new Logger(DataSubjectRequestService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly mail: MailSender,
    private readonly erasure: ErasureRunner,
    private readonly applied: AppliedRequests,
  ) {}

  async create(ctx: RequestContext, input: NewRequest): Promise<DataSubjectRequestResponse> {
    const details = checkRequestDetails(input.type, input.details);
    try {
      return await this.db.transaction(ctx, async (tx) => {
        const manager = this.db.manager(tx);
        const user = await this.lockUser(manager, input.userId);
        const open = await this.openRequest(manager, input.userId, input.type);
        if (open) throw new OverlappingRequestError(open, input.type);
        // Refused when made, with the hold named, rather than after the person proved who they are.
        if (input.type === 'erasure') await this.erasure.assertErasable(tx, input.userId);

        const now = new Date();
        const attested = input.verification.method === 'administrator-attested';
        const code = attested ? null : newVerificationCode();
        const request = manager.getRepository(DataSubjectRequest).create({
          id: uuidv7(),
          userId: input.userId,
          type: input.type,
          status: attested ? 'verified' : 'awaiting-verification',
          requestedBy: input.requestedBy,
          channel: input.channel,
          verificationMethod: input.verification.method,
          verificationNote: input.verification.note ?? null,
          verificationCodeHash: code?.hash ?? null,
          verificationAttempts: 0,
          verificationExpiresAt: code?.expiresAt ?? null,
          verifiedAt: attested ? now : null,
          dueAt: new Date(now.getTime() + RESPONSE_DAYS * DAY_MS),
          details,
          result: null,
          completedAt: null,
          rejectedReason: null,
          cancelledAt: null,
          createdAt: now,
        });
        await manager.getRepository(DataSubjectRequest).save(request);
        await this.events.publish(tx, 'compliance.data-subject-request.received', {
          dataSubjectRequestId: request.id,
          userId: request.userId,
          type: request.type,
          channel: request.channel,
          verificationMethod: request.verificationMethod,
          dueAt: request.dueAt.toISOString(),
        });
        if (attested) await this.publishVerified(tx, request);
        if (code) {
          await this.mail.send(
            user.email,
            'privacyRequestCode',
            { code: code.code, request: REQUEST_IN_WORDS[request.type]!, minutes: CODE_MINUTES },
            { manager },
          );
        }
        return toRequestResponse(await this.reload(manager, request.id));
      });
    } catch (error) {
      // Two requests at once: the partial unique index lets one in; the other names it.
      if (isOpenRequestConflict(error)) {
        const open = await this.openRequest(this.db.manager(ctx), input.userId, input.type);
        if (open) throw new OverlappingRequestError(open, input.type);
      }
      throw error;
    }
  }

  /**
   * Checks the mailed code. A self-service erasure, rectification, restriction or objection is then carried out at
   * once (what a person expects from "confirm"); an administrator's request waits for the administrator.
   */
  async verify(
    ctx: RequestContext,
    scope: RequestScope,
    id: string,
    code: string,
  ): Promise<DataSubjectRequestResponse> {
    const outcome = await this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const request = await this.locked(manager, scope, id);
      if (request.status !== 'awaiting-verification') {
        throw new RequestStatusConflictError(request.id, request.status, 'be verified');
      }
      if (request.verificationAttempts >= CODE_ATTEMPTS) return { error: new VerificationCodeError('exhausted', 0) };
      if (!request.verificationExpiresAt || request.verificationExpiresAt.getTime() < Date.now()) {
        return { error: new VerificationCodeError('expired', 0) };
      }
      if (!codeMatches(code, request.verificationCodeHash)) {
        const attempts = request.verificationAttempts + 1;
        // Counted in this transaction, which commits: the wrong try is remembered though the request fails.
        await manager.update(DataSubjectRequest, { id: request.id }, { verificationAttempts: attempts });
        return { error: new VerificationCodeError('wrong', Math.max(0, CODE_ATTEMPTS - attempts)) };
      }
      await manager.update(
        DataSubjectRequest,
        { id: request.id },
        { status: 'verified', verifiedAt: new Date(), verificationCodeHash: null, verificationExpiresAt: null },
      );
      await this.publishVerified(tx, request);
      return { request: await this.reload(manager, request.id) };
    });
    if ('error' in outcome) throw outcome.error;
    const verified = outcome.request;
    if (verified.channel === 'self-service' && verified.type === 'erasure') {
      return toRequestResponse(await this.erasure.run(ctx, verified.id));
    }
    if (verified.channel === 'self-service' && APPLIED_TYPES.includes(verified.type)) {
      return this.complete(ctx, { self: verified.userId }, verified.id, verified.userId);
    }
    return toRequestResponse(verified);
  }

  /** Applies a verified rectification, restriction or objection and completes it. */
  async complete(
    ctx: RequestContext,
    scope: RequestScope,
    id: string,
    actorId: string,
  ): Promise<DataSubjectRequestResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const request = await this.locked(manager, scope, id);
      if (!APPLIED_TYPES.includes(request.type)) {
        throw new RequestTypeMismatchError(request.id, request.type, 'be completed this way', APPLIED_TYPES);
      }
      if (request.status !== 'verified')
        throw new RequestStatusConflictError(request.id, request.status, 'be completed');
      const result = await this.applied.apply(tx, request, actorId);
      await manager.update(
        DataSubjectRequest,
        { id: request.id },
        {
          status: 'completed',
          completedAt: new Date(),
          result: jsonValue(result),
        },
      );
      await this.events.publish(tx, 'compliance.data-subject-request.completed', {
        dataSubjectRequestId: request.id,
        userId: request.userId,
        type: request.type,
        summary: result,
      });
      return toRequestResponse(await this.reload(manager, request.id));
    });
  }

  async erase(ctx: RequestContext, id: string): Promise<DataSubjectRequestResponse> {
    const request = await this.find(this.db.manager(ctx), 'administrator', id);
    return toRequestResponse(await this.erasure.run(ctx, request.id));
  }

  async reject(ctx: RequestContext, id: string, reason: string): Promise<DataSubjectRequestResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const request = await this.locked(manager, 'administrator', id);
      if (!OPEN_STATUSES.includes(request.status) || request.status === 'in-progress') {
        throw new RequestStatusConflictError(request.id, request.status, 'be rejected');
      }
      await manager.update(
        DataSubjectRequest,
        { id: request.id },
        { status: 'rejected', rejectedReason: reason, verificationCodeHash: null, completedAt: new Date() },
      );
      await this.events.publish(tx, 'compliance.data-subject-request.rejected', {
        dataSubjectRequestId: request.id,
        userId: request.userId,
        type: request.type,
        reason,
      });
      return toRequestResponse(await this.reload(manager, request.id));
    });
  }

  async cancel(ctx: RequestContext, scope: RequestScope, id: string): Promise<DataSubjectRequestResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const request = await this.locked(manager, scope, id);
      if (request.status !== 'awaiting-verification' && request.status !== 'verified') {
        throw new RequestStatusConflictError(request.id, request.status, 'be cancelled');
      }
      await manager.update(
        DataSubjectRequest,
        { id: request.id },
        { status: 'cancelled', cancelledAt: new Date(), verificationCodeHash: null },
      );
      await this.events.publish(tx, 'compliance.data-subject-request.cancelled', {
        dataSubjectRequestId: request.id,
        userId: request.userId,
        type: request.type,
      });
      return toRequestResponse(await this.reload(manager, request.id));
    });
  }

  async get(ctx: RequestContext, scope: RequestScope, id: string): Promise<DataSubjectRequestResponse> {
    return toRequestResponse(await this.find(this.db.manager(ctx), scope, id));
  }

  async list(
    ctx: RequestContext,
    scope: RequestScope,
    rawQuery: Record<string, unknown>,
  ): Promise<DataSubjectRequestListResponse> {
    const query = parseListQuery(rawQuery, dataSubjectRequestListSpec);
    const builder = this.db.manager(ctx).getRepository(DataSubjectRequest).createQueryBuilder('request');
    if (scope !== 'administrator') builder.where('request.userId = :self', { self: scope.self });
    const page = await fetchPage(builder, 'request', query, dataSubjectRequestListSpec);
    const now = new Date();
    return {
      data: page.data.map((row) => selectFields(toRequestResponse(row, now), query.fields)),
      meta: page.meta,
    };
  }

  /** A request whose export may be downloaded: access or portability, verified (or already delivered). */
  async exportable(ctx: RequestContext, scope: RequestScope, id: string): Promise<DataSubjectRequest> {
    const request = await this.find(this.db.manager(ctx), scope, id);
    if (!EXPORT_TYPES.includes(request.type)) {
      throw new RequestTypeMismatchError(request.id, request.type, 'be exported', EXPORT_TYPES);
    }
    if (request.status !== 'verified' && request.status !== 'completed') {
      throw new RequestStatusConflictError(request.id, request.status, 'be exported');
    }
    return request;
  }

  /** The export was delivered in full: the request is answered (once; later downloads change nothing). */
  async exportDelivered(ctx: RequestContext, id: string, summary: Record<string, unknown>): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const request = await this.locked(manager, 'administrator', id);
      if (request.status !== 'verified') return;
      await manager.update(
        DataSubjectRequest,
        { id },
        {
          status: 'completed',
          completedAt: new Date(),
          result: jsonValue({ ...summary, deliveredAt: new Date().toISOString() }),
        },
      );
      await this.events.publish(tx, 'compliance.data-subject-request.completed', {
        dataSubjectRequestId: id,
        userId: request.userId,
        type: request.type,
        summary,
      });
    });
  }

  /** The person's account email (for the export's subject keys). */
  async subjectEmail(ctx: RequestContext, userId: string): Promise<string | null> {
    const [row] = (await this.db
      .manager(ctx)
      .query(`SELECT email FROM identity_users WHERE id = $1`, [userId])) as Array<{
      email: string;
    }>;
    return row?.email ?? null;
  }

  private async publishVerified(tx: RequestContext, request: DataSubjectRequest): Promise<void> {
    await this.events.publish(tx, 'compliance.data-subject-request.verified', {
      dataSubjectRequestId: request.id,
      userId: request.userId,
      type: request.type,
      verificationMethod: request.verificationMethod,
    });
    this.logger.log(`Data-subject request ${request.id} (${request.type}) verified`);
  }

  private async lockUser(manager: EntityManager, userId: string): Promise<{ id: string; email: string }> {
    const [user] = (await manager.query(`SELECT id, email FROM identity_users WHERE id = $1 FOR UPDATE`, [
      userId,
    ])) as Array<{ id: string; email: string }>;
    if (!user) throw new DataSubjectNotFoundError(userId);
    return user;
  }

  private async openRequest(manager: EntityManager, userId: string, type: RequestType): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT id FROM compliance_data_subject_requests WHERE user_id = $1 AND type = $2 AND status = ANY($3)`,
      [userId, type, OPEN_STATUSES],
    )) as Array<{ id: string }>;
    return row?.id ?? null;
  }

  private async find(manager: EntityManager, scope: RequestScope, id: string): Promise<DataSubjectRequest> {
    const request = await manager.getRepository(DataSubjectRequest).findOneBy({ id });
    // Someone else's request is as unknown as a missing one: its existence is not revealed.
    if (!request || (scope !== 'administrator' && request.userId !== scope.self)) {
      throw new DataSubjectRequestNotFoundError(id);
    }
    return request;
  }

  private async locked(manager: EntityManager, scope: RequestScope, id: string): Promise<DataSubjectRequest> {
    const request = await manager
      .getRepository(DataSubjectRequest)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
    if (!request || (scope !== 'administrator' && request.userId !== scope.self)) {
      throw new DataSubjectRequestNotFoundError(id);
    }
    return request;
  }

  private reload(manager: EntityManager, id: string): Promise<DataSubjectRequest> {
    return manager.getRepository(DataSubjectRequest).findOneByOrFail({ id });
  }
}

function isOpenRequestConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === 'compliance_data_subject_requests_one_open';
}

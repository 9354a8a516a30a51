import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { TenantRepository } from './tenant-repository';

/**
 * The one door to tenant-owned data. Repositories come from here, bound to a context: they filter and stamp
 * `workspace_id` themselves and join the context's transaction when there is one.
 */
@Injectable()
export class TenantDataSource {
  constructor(private readonly dataSource: DataSource) {}

  manager(ctx: RequestContext): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }

  repository<T extends ObjectLiteral & { workspaceId: string }>(
    ctx: RequestContext,
    entity: EntityTarget<T>,
  ): TenantRepository<T> {
    return new TenantRepository(ctx, this.manager(ctx), entity);
  }

  /** Runs `work` in one transaction; nested calls join the outer one. Events published inside commit with it. */
  async transaction<R>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<R>): Promise<R> {
    if (ctx.manager?.queryRunner?.isTransactionActive) return work(ctx);
    return this.dataSource.transaction((manager) => work(ctx.withManager(manager)));
  }
}

import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import type { RequestContext } from '../context/request-context';
import type { ListQuerySpec, Page, ParsedListQuery } from '../query/list-query.types';
import { listTenantRows, type ListPermission } from './tenant-list';

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/**
 * A repository that can only see and write rows of the context's workspace. Every method adds
 * `workspace_id = ctx.workspaceId` itself, so a forgotten condition can never leak another tenant's data.
 */
export class TenantRepository<T extends ObjectLiteral & { workspaceId: string }> {
  constructor(
    private readonly ctx: RequestContext,
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<T>,
  ) {}

  private get workspaceId(): string {
    return this.ctx.workspaceId;
  }

  private scope(where?: Where<T>): Where<T> {
    const own = { workspaceId: this.workspaceId } as FindOptionsWhere<T>;
    if (!where) return own;
    return Array.isArray(where) ? where.map((w) => ({ ...w, ...own })) : { ...where, ...own };
  }

  find(options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.manager.find(this.entity, { ...options, where: this.scope(options.where as Where<T> | undefined) });
  }

  findBy(where: Where<T>): Promise<T[]> {
    return this.manager.findBy(this.entity, this.scope(where));
  }

  findOne(options: FindOneOptions<T>): Promise<T | null> {
    return this.manager.findOne(this.entity, { ...options, where: this.scope(options.where as Where<T> | undefined) });
  }

  findOneBy(where: Where<T>): Promise<T | null> {
    return this.manager.findOneBy(this.entity, this.scope(where));
  }

  count(where?: Where<T>): Promise<number> {
    return this.manager.countBy(this.entity, this.scope(where));
  }

  /** Inserts or updates; the workspace is always the context's, whatever the object says. */
  save(value: DeepPartial<T>): Promise<T> {
    const row = this.manager.create(this.entity, { ...value, workspaceId: this.workspaceId } as DeepPartial<T>);
    return this.manager.save(this.entity, row);
  }

  async update(where: FindOptionsWhere<T>, patch: Partial<T>): Promise<number> {
    const { workspaceId: _ignored, ...rest } = patch as Partial<T> & { workspaceId?: string };
    void _ignored;
    const result = await this.manager.update(this.entity, this.scope(where) as FindOptionsWhere<T>, rest as never);
    return result.affected ?? 0;
  }

  async delete(where: FindOptionsWhere<T>): Promise<number> {
    const result = await this.manager.delete(this.entity, this.scope(where) as FindOptionsWhere<T>);
    return result.affected ?? 0;
  }

  /** A query builder already limited to this workspace; add conditions with `andWhere` only. */
  createQueryBuilder(alias: string): SelectQueryBuilder<T> {
    return this.manager
      .createQueryBuilder(this.entity, alias)
      .where(`${alias}.workspace_id = :tenantWorkspaceId`, { tenantWorkspaceId: this.workspaceId });
  }

  /** A page for a list endpoint: query language + permission conditions as SQL, inside this workspace. */
  list(
    rawQuery: Record<string, unknown>,
    spec: ListQuerySpec,
    permission: ListPermission,
  ): Promise<{ page: Page<T>; query: ParsedListQuery }> {
    const alias = 'row';
    return listTenantRows(this.ctx, this.createQueryBuilder(alias), alias, rawQuery, spec, permission);
  }
}

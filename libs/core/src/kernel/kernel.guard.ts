import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import { CTX_KEY } from '../context/ctx.decorator';
import type { Actor } from '../context/actor';
import { RequestContext, type WorkspaceRef } from '../context/request-context';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import {
  ForbiddenActionError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
  WorkspaceNotFoundError,
} from '../errors/core.errors';
import { ACCEPTS_METADATA } from '../http/accepts.decorator';
import { requestIdOf } from '../http/request-id';
import { buildAbility } from '../permissions/ability.factory';
import { CAN_METADATA, type RequiredPermission } from '../permissions/can.decorator';
import type { PermissionRule } from '../permissions/permission.types';
import { scopesToRules } from '../permissions/scopes';
import { PUBLIC_ROUTE, PUBLIC_WORKSPACE_ROUTE } from '../tenancy/tenancy.decorators';
import type { WorkspaceResolver } from '../tenancy/tenancy.ports';
import { TenancyRegistry } from '../tenancy/tenancy.registry';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The request path in one place, in this order: content type → authentication → workspace → ability →
 * the route's permission. The resulting RequestContext is what `@Ctx()` hands to controllers.
 */
@Injectable()
export class KernelGuard implements CanActivate {
  private readonly queryReaders = new WeakMap<object, boolean>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tenancy: TenancyRegistry,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const request = execution.switchToHttp().getRequest<Request>();
    const handler = execution.getHandler();
    const controller = execution.getClass();

    this.checkContentType(request, this.reflector.getAllAndOverride<string[]>(ACCEPTS_METADATA, [handler, controller]));
    this.checkQueryParameters(request, controller, handler);

    let ctx = RequestContext.forRequest({
      requestId: requestIdOf(request) ?? 'unknown',
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });

    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [handler, controller]) === true;
    for (const authenticator of this.tenancy.authenticators) {
      const actor = await authenticator.authenticate({
        headers: request.headers,
        cookies: (request as Request & { cookies?: Record<string, string> }).cookies,
        ip: request.ip ?? null,
        method: request.method,
        path: request.path,
        routeIsPublic: isPublic,
        setResponseHeader: (name, value) => execution.switchToHttp().getResponse<Response>().setHeader(name, value),
      });
      if (actor) {
        ctx = ctx.withActor(actor);
        break;
      }
    }
    // Set before each check that may refuse, so the request's record (RequestRecorders) names who was refused.
    ClsServiceManager.getClsService().set(CTX_KEY, ctx);
    if (!isPublic && ctx.actor.type === 'anonymous') throw new UnauthenticatedError();

    const workspaceRef = (request.params as Record<string, string | undefined>)?.workspace;
    if (workspaceRef !== undefined) {
      const resolver = this.tenancy.workspaceResolver;
      const entered = resolver ? await resolver.resolve(workspaceRef, ctx.actor) : null;
      // A public workspace route opens the workspace to anyone; an actor who may not enter it holds no rules there.
      const opensToAnyone = this.reflector.getAllAndOverride<boolean>(PUBLIC_WORKSPACE_ROUTE, [handler, controller]);
      const workspace = entered ?? (opensToAnyone ? ((await resolver?.resolvePublic?.(workspaceRef)) ?? null) : null);
      if (!resolver || !workspace) throw new WorkspaceNotFoundError(workspaceRef);
      const rules =
        entered || ctx.actor.type === 'api-key'
          ? await this.rulesFor(ctx.actor, workspace, workspaceRef, resolver)
          : [];
      ctx = ctx.withWorkspace(workspace, buildAbility(rules, { actor: ctx.actor, workspace }));
      ClsServiceManager.getClsService().set(CTX_KEY, ctx);
    }

    const required = this.reflector.get<RequiredPermission | undefined>(CAN_METADATA, handler);
    if (required && !ctx.ability.can(required.action, required.subject)) {
      throw new ForbiddenActionError(required.action, required.subject);
    }

    ClsServiceManager.getClsService().set(CTX_KEY, ctx);
    return true;
  }

  /**
   * An API key is not a member: it enters only the workspace it is bound to (any other answers the same 404 as
   * for a non-member, whatever the resolver said) and holds exactly its scopes there, never member rules.
   */
  private async rulesFor(
    actor: Actor,
    workspace: WorkspaceRef,
    reference: string,
    resolver: WorkspaceResolver,
  ): Promise<PermissionRule[]> {
    if (actor.type !== 'api-key') return resolver.rulesFor(actor, workspace);
    if (!actor.workspaceId || actor.workspaceId !== workspace.id) throw new WorkspaceNotFoundError(reference);
    return scopesToRules(actor.scopes ?? []);
  }

  /** A route that reads no query parameters refuses any: a typo like `?pagesize=` must not pass silently. */
  private checkQueryParameters(request: Request, controller: object, handler: { name: string }): void {
    const names = Object.keys(request.query ?? {});
    if (names.length === 0 || this.readsQuery(controller, handler)) return;
    throw new ValidationFailedError(
      names.map((name) => ({ path: name, message: `unknown query parameter "${name}"; this endpoint takes none` })),
      'The request has query parameters this endpoint does not accept.',
    );
  }

  private readsQuery(controller: object, handler: { name: string }): boolean {
    let reads = this.queryReaders.get(handler);
    if (reads === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {}) as Record<
        string,
        unknown
      >;
      reads = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
      this.queryReaders.set(handler, reads);
    }
    return reads;
  }

  private checkContentType(request: Request, accepted: string[] | undefined): void {
    if (!BODY_METHODS.has(request.method)) return;
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return;
    const types = accepted ?? ['application/json'];
    const received = request.headers['content-type'];
    const mediaType = received?.split(';')[0].trim().toLowerCase();
    if (
      !mediaType ||
      !types.some((type) => mediaType === type || (type === 'application/json' && mediaType.endsWith('+json')))
    ) {
      throw new UnsupportedMediaTypeError(received, types);
    }
  }
}

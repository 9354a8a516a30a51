import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { RequestContext } from './request-context';

export const CTX_KEY = 'quire.ctx';

/** The current RequestContext, as built by the kernel's guards (authentication, tenancy, ability). */
export const Ctx = createParamDecorator((_data: unknown, _host: ExecutionContext): RequestContext => currentContext());

export function currentContext(): RequestContext {
  const ctx = ClsServiceManager.getClsService().get<RequestContext>(CTX_KEY);
  if (!ctx) throw new Error('No RequestContext: this code runs outside a request; use RequestContext.system().');
  return ctx;
}

export function setCurrentContext(ctx: RequestContext): void {
  ClsServiceManager.getClsService().set(CTX_KEY, ctx);
}

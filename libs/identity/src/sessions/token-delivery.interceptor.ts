import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QuireError } from '@quire/core';
import type { Request, Response } from 'express';
import { catchError, map, type Observable } from 'rxjs';
import { BrowserTokenDelivery } from './browser-token-delivery';
import { ISSUES_TOKENS } from './issues-tokens.decorator';

/**
 * Applied to every route (APP_INTERCEPTOR of the identity module), acting only on handlers marked
 * `@IssuesTokens()`: when the request wants cookies, the tokens of the handler's result become cookies and leave
 * the body. When such a handler refuses with 401 (a dead refresh token, wrong credentials), the cookies are
 * cleared: whatever they hold no longer works. Other refusals (400, 403) leave them: a forged request must not be
 * able to sign a browser out.
 */
@Injectable()
export class TokenDeliveryInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly delivery: BrowserTokenDelivery,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || this.reflector.get<boolean>(ISSUES_TOKENS, context.getHandler()) !== true) {
      return next.handle();
    }
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    // Checked before the handler runs, so a bad header value issues no session.
    this.delivery.requested(request);
    return next.handle().pipe(
      map((body: unknown) => (this.delivery.wantsCookies(request) ? this.delivery.deliver(response, body) : body)),
      catchError((error: unknown) => {
        if (error instanceof QuireError && error.status === 401 && this.delivery.wantsCookies(request)) {
          this.delivery.clear(response);
        }
        throw error;
      }),
    );
  }
}

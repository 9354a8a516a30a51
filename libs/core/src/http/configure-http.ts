import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { ClsService } from 'nestjs-cls';
import type { QuireConfig } from '../config/config.schema';
import { CTX_KEY } from '../context/ctx.decorator';
import type { RequestContext } from '../context/request-context';
import { toQuireError } from '../errors/to-quire-error';
import { PROBLEM_CONTENT_TYPE, renderProblem } from '../errors/render-problem';
import { redactPath } from '../logging/redact';
import { noteProblemCode, requestRecordOf } from './request-record';
import { RequestRecorders } from './request-recorders';
import { assignRequestId, REQUEST_ID_HEADER } from './request-id';

/**
 * HTTP concerns below Nest's routing, in the order they must run: request id, security headers, CORS,
 * body parsing with the configured limit, a problem+json handler for parser errors, and the admin console.
 */
export function configureHttp(app: NestExpressApplication, config: QuireConfig): void {
  const cls = app.get(ClsService);
  const httpLog = new Logger('HTTP');
  const recorders = app.get(RequestRecorders);
  app.use((request: Request, response: Response, next: NextFunction) => {
    const requestId = assignRequestId(request as never);
    const started = process.hrtime.bigint();
    const occurredAt = new Date();
    response.setHeader('X-Request-Id', requestId);
    cls.run(() => {
      cls.set('requestId', requestId);
      // The request's store: the kernel guard puts the RequestContext here, read back once the response is done.
      const store = cls.get();
      if (recorders.any && request.path.startsWith('/api/')) {
        // 'close' comes after 'finish', and also when the client went away first: one record either way.
        response.once('close', () => {
          const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
          // Read through the service: CLS keys are paths (`quire.ctx` is stored as { quire: { ctx } }).
          const ctx = cls.runWith(store, () => cls.get<RequestContext | undefined>(CTX_KEY));
          recorders.recordAll(requestRecordOf(request, response, { occurredAt, durationMs, requestId, ctx }));
        });
      }
      // One line per request for operations: no query string (it may carry tokens) and no headers.
      response.once('finish', () => {
        const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
        // Route parameters named like secrets (`:token`) are masked: the route's params are still set here.
        const path = redactPath(request.path, request.params);
        httpLog.log(`${request.method} ${path} ${response.statusCode} ${durationMs}ms`, {
          method: request.method,
          path,
          status: response.statusCode,
          durationMs,
          requestId,
        });
      });
      next();
    });
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI and the console load only their own scripts; images may be data: URIs.
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
  app.enableCors({
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'Quire-Impersonator', 'Quire-Impersonation-Expires'],
  });
  // request.ip comes from X-Forwarded-For only through the configured proxies (rate limits and sessions key on it).
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'extended');
  app.disable('x-powered-by');
  app.use(express.json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(problemForParserErrors);
  serveAdminConsole(app, config);
}

function problemForParserErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  const problem = toQuireError(error, { method: request.method, path: request.path });
  noteProblemCode(response, problem.code);
  response
    .status(problem.status)
    .set(problem.headers ?? {})
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify(
        renderProblem(problem, { path: request.path, requestId: (request as { requestId?: string }).requestId }),
      ),
    );
}

/** Serves the built Angular console at /admin, falling back to index.html for its client-side routes. */
function serveAdminConsole(app: NestExpressApplication, config: QuireConfig): void {
  const logger = new Logger('AdminConsole');
  const dir = resolve(config.QUIRE_ADMIN_DIR);
  const index = join(dir, 'index.html');
  // Checked once at start, not on every console request.
  const built = existsSync(index);
  if (!built) {
    logger.warn(
      `The admin console is not built (${index} missing): run "npm run build:admin" and restart. /admin answers 503 until then.`,
    );
  }
  const assets = express.static(dir, { index: false, maxAge: '1y', immutable: true });
  app.use('/admin', (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path !== '/' && /\.[a-z0-9]+$/i.test(request.path)) return assets(request, response, next);
    if (!built) {
      noteProblemCode(response, 'core.admin-not-built');
      response
        .status(503)
        .type(PROBLEM_CONTENT_TYPE)
        .send(
          JSON.stringify({
            type: 'urn:quire:problem:core.admin-not-built',
            title: 'Admin console not built',
            status: 503,
            detail: 'Run "npm run build:admin" and restart the server.',
            requestId: (request as { requestId?: string }).requestId,
          }),
        );
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}

export { REQUEST_ID_HEADER };

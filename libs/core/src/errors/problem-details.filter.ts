import { ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toQuireError } from './to-quire-error';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { renderProblem } from './render-problem';
import { requestIdOf } from '../http/request-id';
import { noteProblemCode } from '../http/request-record';

/** The one place where errors become application/problem+json responses (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ method: string; originalUrl?: string; url: string; path?: string }>();
    const response = http.getResponse();
    const path = (request.originalUrl ?? request.url).split('?')[0];
    const error = toQuireError(exception, { method: request.method, path });
    const requestId = requestIdOf(request);

    if (error.status >= 500)
      this.logger.error(describe(exception), exception instanceof Error ? exception.stack : undefined);
    else this.logger.debug(`${error.status} ${error.code}: ${error.detail ?? error.title}`);

    const body = renderProblem(error, { path, requestId });
    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(response)) return;
    noteProblemCode(response, error.code);
    adapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    for (const [name, value] of Object.entries(error.headers ?? {})) adapter.setHeader(response, name, value);
    adapter.reply(response, body, error.status);
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error
    ? `${exception.name}: ${exception.message}`
    : `Non-error thrown: ${String(exception)}`;
}

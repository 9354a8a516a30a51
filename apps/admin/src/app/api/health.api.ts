import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, Observable, of, throwError, timeout } from 'rxjs';

/** A readiness probe that hangs is as bad as a failing one; give up so the indicator can say so. */
const READY_TIMEOUT_MS = 10_000;

/** One indicator's result, as @nestjs/terminus reports it: a status plus whatever the indicator adds. */
export interface HealthIndicatorResult {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

/** The body of `GET /health/ready` (@nestjs/terminus). */
export interface HealthReport {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, HealthIndicatorResult>;
  error?: Record<string, HealthIndicatorResult>;
  details: Record<string, HealthIndicatorResult>;
}

/** Typed client for the readiness probe. */
@Injectable({ providedIn: 'root' })
export class HealthApi {
  private readonly http = inject(HttpClient);

  ready(): Observable<HealthReport> {
    return this.http.get<HealthReport>('/health/ready').pipe(
      timeout(READY_TIMEOUT_MS),
      // Terminus answers 503 with the same report when a check fails; that is a result, not a transport error.
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 503 && isHealthReport(error.error)
          ? of(error.error)
          : throwError(() => error),
      ),
    );
  }
}

function isHealthReport(value: unknown): value is HealthReport {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'string';
}

import type { LoggerService, LogLevel } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import * as winston from 'winston';
import { redact } from './redact';

export interface LoggerOptions {
  level: 'error' | 'warn' | 'info' | 'debug';
  format: 'json' | 'pretty';
  /** Where lines go; tests pass a stream to read them. */
  stream?: NodeJS.WritableStream;
}

/** Adds the current request's id (from the async context) to every line, and redacts secrets. */
const contextAndRedaction = winston.format((info) => {
  const requestId = currentRequestId();
  if (requestId && !info.requestId) info.requestId = requestId;
  for (const key of Object.keys(info)) {
    if (key !== 'level' && key !== 'timestamp') info[key] = redact(info[key]);
  }
  return info;
});

function currentRequestId(): string | undefined {
  try {
    const cls = ClsServiceManager.getClsService();
    return cls.isActive() ? (cls.get<string>('requestId') ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

export function createWinston(options: LoggerOptions): winston.Logger {
  const pretty = winston.format.printf(({ timestamp, level, message, context, requestId, stack, ...rest }) => {
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    const rid = requestId ? ` [${String(requestId).slice(-12)}]` : '';
    return `${String(timestamp)} ${level.padEnd(5)} ${context ? `[${String(context)}]` : ''}${rid} ${String(message)}${extra}${stack ? `\n${String(stack)}` : ''}`;
  });
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console();
  return winston.createLogger({
    level: options.level,
    format: winston.format.combine(
      winston.format.timestamp(),
      contextAndRedaction(),
      options.format === 'json' ? winston.format.json() : pretty,
    ),
    transports: [transport],
  });
}

const NEST_STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/** Nest's LoggerService on winston: `new Logger(MyService.name)` anywhere writes through it. */
export class WinstonLogger implements LoggerService {
  constructor(private readonly winstonLogger: winston.Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    // Nest's start-up chatter (one line per module and route) is useful when debugging, noise otherwise.
    this.write(typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context) ? 'debug' : 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest passes (message, stack?, context?)
    const [stack, context] = params as [string | undefined, string | undefined];
    this.winstonLogger.log({ level: 'error', message: toText(message), stack, context });
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  setLogLevels?(levels: LogLevel[]): void {
    void levels;
  }

  private write(level: string, message: unknown, params: unknown[]): void {
    // Skip the format pipeline (redaction copies the metadata) for lines that would be dropped anyway.
    if (!this.winstonLogger.isLevelEnabled(level)) return;
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const meta = params.find((p) => p !== null && typeof p === 'object');
    this.winstonLogger.log({ level, message: toText(message), context, ...(meta as object) });
  }
}

function toText(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(redact(message));
}

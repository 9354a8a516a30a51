import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { Agent, buildConnector, request as undiciRequest } from 'undici';
import { QUIRE_CONFIG } from '../config/config.module';
import type { QuireConfig } from '../config/config.schema';
import { NOT_ALLOWED, OutboundAddressPolicy, type AddressVerdict } from './address-policy';
import { OutboundRequestError, type OutboundFailure } from './outbound-request.error';

export type OutboundMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OutboundRequestOptions {
  method?: OutboundMethod;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, redirects and body included. Capped by OUTBOUND_TIMEOUT_MS (also the default). */
  timeoutMs?: number;
  /** Reading stops past this many bytes and the request fails with `response-too-large`. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Redirects followed (each hop checked like the first). 0 answers a redirect as the response. Default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The URL and method of the request that answered (they differ from the first after redirects). */
  url: string;
  method: OutboundMethod;
  /** The Location of every redirect followed, in order. */
  redirects: string[];
  durationMs: number;
}

/** A response whose body is read as it arrives (`OutboundHttp.stream`). */
export interface OutboundStreamResponse extends Omit<OutboundResponse, 'body' | 'durationMs'> {
  /** Fails with an OutboundRequestError (timeout, response-too-large, network) when reading cannot complete. */
  body: Readable;
}

interface Exchange {
  timeoutMs: number;
  signal: AbortSignal;
  elapsed(): number;
  /** Records the URL being tried, for the error of a failure. */
  at(url: string): void;
  /** Stops the deadline once the exchange is over. */
  end(): void;
  classify(error: unknown): OutboundRequestError;
}

/** The verdict on a URL before it is stored (a webhook endpoint): what `request` would refuse by address now. */
export type OutboundUrlCheck =
  | { allowed: true; url: string; addresses: string[] }
  | { allowed: false; kind: Extract<OutboundFailure, 'invalid-url' | 'address-refused'>; reason: string };

const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
/** Resolving a name while checking a URL (before storing it): a slow resolver must not hold the request up. */
const CHECK_LOOKUP_TIMEOUT_MS = 3000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Credentials that must not follow a redirect to another origin (as the Fetch standard drops them). */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** Errors undici raises when a connection or response is slower than its own timeouts. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'EAI_NONAME']);

/** Raised inside the connector; undici hands it back as the request's error. */
class AddressRefused extends Error {}

/**
 * Outgoing HTTP for plugins (webhook deliveries, URL imports) that refuses to reach the installation's own network:
 * the address every connection goes to is checked when it is made, after DNS, so a name that resolves to a private
 * address — or starts to, between a check and the request (DNS rebinding) — is refused; literal IP hosts too, in
 * every form the URL parser accepts (`http://2130706433/` is 127.0.0.1). Redirects are followed by hand, each hop
 * checked again. One deadline covers the whole exchange, and reading stops at the caller's size cap. Failures are
 * `OutboundRequestError`s with a kind, for the caller to record.
 */
@Injectable()
export class OutboundHttp implements OnApplicationShutdown {
  private readonly policy: OutboundAddressPolicy;
  private readonly ceilingMs: number;
  private readonly agent: Agent;

  constructor(@Inject(QUIRE_CONFIG) config: Pick<QuireConfig, 'OUTBOUND_ALLOWED_NETWORKS' | 'OUTBOUND_TIMEOUT_MS'>) {
    this.policy = new OutboundAddressPolicy(config.OUTBOUND_ALLOWED_NETWORKS);
    this.ceilingMs = config.OUTBOUND_TIMEOUT_MS;
    const connect = buildConnector({ timeout: this.ceilingMs });
    this.agent = new Agent({
      connect: (options, callback) => {
        // The socket goes to the address checked here, never to a second lookup's answer.
        this.resolveAllowed(options.hostname).then(
          (address) => connect({ ...options, hostname: address }, callback),
          (error: Error) => callback(error, null),
        );
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }

  /** The address rules alone, for one IP address (`127.0.0.1`, `::ffff:10.0.0.1`). */
  checkAddress(address: string): { allowed: boolean; reason?: string } {
    const verdict = this.policy.check(address);
    return verdict.allowed ? { allowed: true } : { allowed: false, reason: verdict.reason };
  }

  /**
   * Checks a URL before it is stored: http(s), no credentials, and its host's addresses allowed now. A name that
   * does not resolve passes (it may be set up later); every request checks again when it connects.
   */
  async checkUrl(raw: string): Promise<OutboundUrlCheck> {
    let url: URL;
    try {
      url = parseOutboundUrl(raw);
    } catch (error) {
      return { allowed: false, kind: 'invalid-url', reason: (error as Error).message };
    }
    let addresses: string[];
    try {
      addresses = await withTimeout(resolve(url.hostname), CHECK_LOOKUP_TIMEOUT_MS);
    } catch {
      return { allowed: true, url: url.href, addresses: [] };
    }
    for (const address of addresses) {
      const verdict = this.policy.check(address);
      if (!verdict.allowed) return { allowed: false, kind: 'address-refused', reason: refusal(url.hostname, verdict) };
    }
    return { allowed: true, url: url.href, addresses };
  }

  async request(raw: string, options: OutboundRequestOptions = {}): Promise<OutboundResponse> {
    const exchange = this.begin(options);
    try {
      const { response, url, method, redirects } = await this.follow(raw, options, exchange);
      const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      const payload = await readBounded(response.body, maxBytes, response.headers['content-length'], () => ({
        status: response.statusCode,
      }));
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: payload,
        url: url.href,
        method,
        redirects,
        durationMs: exchange.elapsed(),
      };
    } catch (error) {
      throw exchange.classify(error);
    } finally {
      exchange.end();
    }
  }

  /**
   * Like `request`, but the body is handed over as a stream once the headers are in (a URL import writes it to
   * storage as it arrives). The same deadline keeps running until the body has been read: the stream then fails
   * with a `timeout` OutboundRequestError; past `maxResponseBytes` (a declared Content-Length too) with
   * `response-too-large`; any other failure is classified like `request`'s. The caller must consume or destroy it.
   */
  async stream(raw: string, options: OutboundRequestOptions = {}): Promise<OutboundStreamResponse> {
    const exchange = this.begin(options);
    let followed: Awaited<ReturnType<OutboundHttp['follow']>>;
    try {
      followed = await this.follow(raw, options, exchange);
    } catch (error) {
      exchange.end();
      throw exchange.classify(error);
    }
    const { response, url, method, redirects } = followed;
    const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const status = response.statusCode;
    const declared = Number(headerValue(response.headers['content-length']) ?? 0);
    if (declared > maxBytes) {
      response.body.destroy();
      exchange.end();
      throw exchange.classify(
        new OutboundRequestError('response-too-large', `response body larger than ${maxBytes} bytes`, { status }),
      );
    }
    const body = new BoundedBody(maxBytes, status);
    // The caller may still be busy before it reads (a timeout can fire then): the error stays on the stream
    // (`errored`, seen by its next reader) instead of crashing the process as an unhandled 'error' event.
    body.on('error', () => undefined);
    // Not stream.pipeline: it would fail `body` with undici's raw error before it could be classified.
    response.body.on('error', (error) => body.destroy(exchange.classify(error)));
    body.on('close', () => {
      exchange.end();
      response.body.destroy();
    });
    response.body.pipe(body);
    return {
      status,
      headers: flattenHeaders(response.headers),
      body,
      url: url.href,
      method,
      redirects,
    };
  }

  /** The deadline and timing of one exchange, redirects and body included. */
  private begin(options: OutboundRequestOptions): Exchange {
    const started = performance.now();
    const timeoutMs = Math.min(options.timeoutMs ?? this.ceilingMs, this.ceilingMs);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('deadline')), timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
    const elapsed = () => Math.round(performance.now() - started);
    let lastUrl: string | undefined;
    return {
      timeoutMs,
      signal,
      elapsed,
      at: (url) => {
        lastUrl = url;
      },
      end: () => clearTimeout(timer),
      classify: (error) =>
        classify(error, { url: lastUrl ?? '', durationMs: elapsed(), timedOut: deadline.signal.aborted }),
    };
  }

  /** Sends the request and follows redirects (each hop checked again); answers the last response, body unread. */
  private async follow(raw: string, options: OutboundRequestOptions, exchange: Exchange) {
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    let method: OutboundMethod = options.method ?? 'GET';
    let body = options.body;
    let headers = { ...(options.headers ?? {}) };
    const redirects: string[] = [];
    exchange.at(raw);
    let url = parseOutboundUrl(raw);
    exchange.at(url.href);
    for (;;) {
      const response = await undiciRequest(url, {
        dispatcher: this.agent,
        method,
        headers,
        body,
        signal: exchange.signal,
        headersTimeout: exchange.timeoutMs,
        bodyTimeout: exchange.timeoutMs,
      });
      const location = headerValue(response.headers['location']);
      if (REDIRECT_STATUSES.has(response.statusCode) && location !== undefined && maxRedirects > 0) {
        await response.body.dump();
        if (redirects.length >= maxRedirects) {
          throw new OutboundRequestError('too-many-redirects', `more than ${maxRedirects} redirects`, {
            status: response.statusCode,
          });
        }
        const next = parseRedirect(location, url);
        // The Fetch standard's rules: 303 (and 301/302 after a POST) become a GET without a body.
        if (response.statusCode === 303 || ([301, 302].includes(response.statusCode) && method === 'POST')) {
          if (method !== 'HEAD') method = 'GET';
          body = undefined;
          headers = withoutHeaders(headers, ['content-type', 'content-length']);
        }
        if (next.origin !== url.origin) headers = withoutHeaders(headers, ORIGIN_BOUND_HEADERS);
        redirects.push(next.href);
        url = next;
        exchange.at(url.href);
        continue;
      }
      return { response, url, method, redirects };
    }
  }

  /** Every address of `hostname`, each allowed by the policy; the first is the one connected to. */
  private async resolveAllowed(hostname: string): Promise<string> {
    const addresses = await resolve(hostname);
    for (const address of addresses) {
      const verdict = this.policy.check(address);
      if (!verdict.allowed) throw new AddressRefused(refusal(hostname, verdict));
    }
    return addresses[0];
  }
}

/** An http(s) URL without credentials, as the WHATWG URL parser normalises it (`http://0x7f.1/` → 127.0.0.1). */
export function parseOutboundUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRequestError('invalid-url', 'is not a valid absolute URL', { url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRequestError('invalid-url', `must be an http or https URL, not ${url.protocol}`, { url: raw });
  }
  if (url.username !== '' || url.password !== '') {
    throw new OutboundRequestError('invalid-url', 'must not contain credentials (user:password@)', { url: raw });
  }
  return url;
}

async function resolve(hostname: string): Promise<string[]> {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  // A literal resolves to itself without a query; a name through the system resolver (hosts file included).
  const answers = await lookup(bare, { all: true, verbatim: true });
  if (answers.length === 0) throw Object.assign(new Error(`${bare} has no address`), { code: 'ENODATA' });
  return answers.map((answer) => answer.address);
}

function parseRedirect(location: string, base: URL): URL {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    throw new OutboundRequestError('invalid-url', `redirect to an invalid URL (${location.slice(0, 200)})`);
  }
  try {
    return parseOutboundUrl(next.href);
  } catch (error) {
    throw new OutboundRequestError('invalid-url', `redirect to a URL that ${(error as Error).message}`);
  }
}

async function readBounded(
  body: Readable & { dump(): Promise<void> },
  maxBytes: number,
  declaredLength: string | string[] | undefined,
  context: () => { status: number },
): Promise<Buffer> {
  const tooLarge = (partialBody: Buffer) =>
    new OutboundRequestError('response-too-large', `response body larger than ${maxBytes} bytes`, {
      ...context(),
      partialBody,
    });
  if (Number(headerValue(declaredLength) ?? 0) > maxBytes) {
    body.destroy();
    throw tooLarge(Buffer.alloc(0));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(Buffer.concat([...chunks, buffer]).subarray(0, maxBytes));
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Passes a streamed body on, failing it past `maxBytes` (nothing more is read). */
class BoundedBody extends Transform {
  private size = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly status: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      return callback(
        new OutboundRequestError('response-too-large', `response body larger than ${this.maxBytes} bytes`, {
          status: this.status,
        }),
      );
    }
    callback(null, chunk);
  }
}

function classify(
  error: unknown,
  context: { url: string; durationMs: number; timedOut: boolean },
): OutboundRequestError {
  const base = { url: context.url, durationMs: context.durationMs };
  if (error instanceof OutboundRequestError) {
    return new OutboundRequestError(error.kind, error.message, { ...error.details, ...base });
  }
  const cause = rootCause(error);
  if (cause instanceof AddressRefused) return new OutboundRequestError('address-refused', cause.message, base);
  const code = (cause as { code?: string }).code ?? (error as { code?: string }).code ?? '';
  if (context.timedOut || TIMEOUT_CODES.has(code)) {
    return new OutboundRequestError('timeout', `no complete response within the time limit`, base);
  }
  if (DNS_CODES.has(code)) return new OutboundRequestError('dns', `the host name does not resolve (${code})`, base);
  const message = cause instanceof Error ? cause.message : String(cause);
  return new OutboundRequestError('network', `${code ? `${code}: ` : ''}${message}`.slice(0, 500), base);
}

function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) {
    if (current instanceof AddressRefused) return current;
    current = current.cause;
  }
  return current;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}

/** `127.0.0.1 is a loopback address, …` for a literal; `localhost resolves to 127.0.0.1, a loopback address, …`. */
function refusal(hostname: string, verdict: Extract<AddressVerdict, { allowed: false }>): string {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (verdict.address === host || verdict.address === host.replace(/^::ffff:/i, '')) return verdict.reason;
  return `${host} resolves to ${verdict.address}, ${verdict.what}${NOT_ALLOWED}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

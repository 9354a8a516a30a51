/**
 * Why an outgoing request did not produce a response the caller can use:
 * - `invalid-url`: not an http(s) URL, or one with credentials in it;
 * - `address-refused`: the host is (or resolves to) an address the installation does not allow, at any hop;
 * - `dns`: the host name does not resolve;
 * - `timeout`: the whole exchange (redirects and body included) took longer than allowed;
 * - `response-too-large`: the response body passed the caller's cap (reading stopped there);
 * - `too-many-redirects`: more redirects than the caller allows;
 * - `network`: the connection failed (refused, reset, TLS).
 */
export type OutboundFailure =
  'invalid-url' | 'address-refused' | 'dns' | 'timeout' | 'response-too-large' | 'too-many-redirects' | 'network';

/** A failed outgoing request: a recorded outcome for the caller (a failed webhook attempt), not a crash. */
export class OutboundRequestError extends Error {
  override readonly name = 'OutboundRequestError';

  constructor(
    readonly kind: OutboundFailure,
    message: string,
    readonly details: {
      /** The URL of the hop that failed (after redirects, the last one tried). */
      url?: string;
      durationMs?: number;
      /** Status of the response, when one arrived (a too-large body, a redirect past the limit). */
      status?: number;
      /** What was read of the body before reading stopped (at most the cap). */
      partialBody?: Buffer;
    } = {},
  ) {
    super(message);
  }

  get url(): string | undefined {
    return this.details.url;
  }

  get durationMs(): number | undefined {
    return this.details.durationMs;
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

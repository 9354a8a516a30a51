import { QuireAuthenticator, type Actor, type AuthenticationRequest, type Authenticator } from '@quire/core';
import type { Request } from 'express';
import passport from 'passport';

interface Registered {
  name: string;
  order: number;
}

/** passport's authenticate() middleware takes a response; with a callback it never touches it. */
const NO_RESPONSE = Object.freeze({});

/**
 * Identity's one authenticator for the kernel: runs the identity passport strategies (`quire-session`,
 * `quire-api-key`, …) through passport's own API, `authenticate([names], { session: false }, callback)`, which
 * tries them in order and stops at the first that recognises the request, exactly the kernel's contract.
 *
 * Each strategy registers itself here from its constructor (`use`). The Passport instance is this application's,
 * not passport's global singleton: two applications in one process (two API instances in a test) must not use
 * each other's strategies, caches and connections. (@nestjs/passport's mixin also registers every strategy on
 * the global instance, as the last application constructed it; Quire never authenticates through that one.)
 *
 * The `req` a strategy sees is the kernel's AuthenticationRequest (headers, cookies, ip, method, path,
 * setResponseHeader), copied per call: not Express's request, which the kernel does not hand to authenticators.
 */
@QuireAuthenticator(10)
export class PassportAuthenticator implements Authenticator {
  private readonly instance = new passport.Passport();
  private readonly registered: Registered[] = [];
  private names: string[] = [];

  /** Adds a strategy; lower `order` is tried first. */
  use(name: string, strategy: passport.Strategy, order: number): void {
    if (this.registered.some((entry) => entry.name === name)) {
      throw new Error(`Identity passport strategy "${name}" is registered twice`);
    }
    this.instance.use(name, strategy);
    this.registered.push({ name, order });
    this.names = [...this.registered].sort((a, b) => a.order - b.order).map((entry) => entry.name);
  }

  get strategyNames(): readonly string[] {
    return this.names;
  }

  authenticate(request: AuthenticationRequest): Promise<Actor | null> {
    if (this.names.length === 0) return Promise.resolve(null);
    return new Promise<Actor | null>((resolve, reject) => {
      const middleware = this.instance.authenticate(
        this.names,
        { session: false },
        (error: unknown, actor: Actor | false | null | undefined) => {
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve(actor || null);
        },
      ) as (req: Request, res: object, next: (error?: unknown) => void) => void;
      // passport decorates the object it is given (logIn, _sessionManager…): give it a copy.
      middleware({ ...request } as unknown as Request, NO_RESPONSE, (error?: unknown) =>
        reject(error instanceof Error ? error : new Error(`Identity passport could not run: ${String(error)}`)),
      );
    });
  }
}

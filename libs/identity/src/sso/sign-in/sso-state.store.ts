import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { hashToken, randomToken } from '../../credentials/token-hash';
import { SsoSignInState } from '../entities/sso-sign-in-state.entity';

export interface NewSignInState {
  connectionId: string;
  browserToken: string;
  nonce?: string | null;
  codeVerifier?: string | null;
  samlRequestId?: string | null;
  returnTo: string;
  ttlSeconds: number;
}

const MAX_STATE_LENGTH = 256;

/**
 * Sign-ins under way, kept in PostgreSQL (every API instance may receive the callback). Only hashes of the
 * state and of the browser cookie are stored. A state is taken once: the callback deletes it whatever follows,
 * so a replayed callback finds nothing.
 */
@Injectable()
export class SsoStateStore {
  constructor(private readonly db: TenantDataSource) {}

  /** Stores the sign-in and answers the state token to send to the provider (`state` / `RelayState`). */
  async create(ctx: RequestContext, input: NewSignInState, stateToken = randomToken()): Promise<string> {
    await this.db
      .manager(ctx)
      .getRepository(SsoSignInState)
      .insert({
        id: uuidv7(),
        connectionId: input.connectionId,
        stateHash: hashToken(stateToken),
        browserHash: hashToken(input.browserToken),
        nonce: input.nonce ?? null,
        codeVerifier: input.codeVerifier ?? null,
        samlRequestId: input.samlRequestId ?? null,
        returnTo: input.returnTo,
        expiresAt: new Date(Date.now() + input.ttlSeconds * 1000),
      });
    return stateToken;
  }

  /**
   * Deletes and answers the sign-in of this state if it is live and was started by this browser; null otherwise
   * (unknown, used, expired, or another browser's: deleted all the same, so it cannot be retried).
   */
  async take(ctx: RequestContext, stateToken: unknown, browserToken: string | null): Promise<SsoSignInState | null> {
    if (typeof stateToken !== 'string' || !stateToken || stateToken.length > MAX_STATE_LENGTH) return null;
    const rows = (await this.db.manager(ctx).query(
      `DELETE FROM identity_sso_states WHERE state_hash = $1
         RETURNING id, connection_id, browser_hash, nonce, code_verifier, saml_request_id, return_to,
                   expires_at > now() AS live`,
      [hashToken(stateToken)],
    )) as [Array<StateRow>, number] | Array<StateRow>;
    const row = firstRow(rows);
    if (!row || !row.live || !browserToken || row.browser_hash !== hashToken(browserToken)) return null;
    return Object.assign(new SsoSignInState(), {
      id: row.id,
      connectionId: row.connection_id,
      browserHash: row.browser_hash,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      samlRequestId: row.saml_request_id,
      returnTo: row.return_to,
    });
  }
}

interface StateRow {
  id: string;
  connection_id: string;
  browser_hash: string;
  nonce: string | null;
  code_verifier: string | null;
  saml_request_id: string | null;
  return_to: string;
  live: boolean;
}

/** The pg driver answers `[rows, count]` for DELETE … RETURNING through TypeORM. */
function firstRow(result: [Array<StateRow>, number] | Array<StateRow>): StateRow | undefined {
  const rows = Array.isArray(result[0]) ? (result[0] as StateRow[]) : (result as StateRow[]);
  return rows[0];
}

import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';

/** The defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps (RFC 6238). */
export const TOTP_PERIOD_SECONDS = 30;
/** 160 bits, the secret size RFC 4226 recommends. */
const SECRET_BYTES = 20;
const TOKEN = /^\d{6}$/;

export interface TotpProvisioning {
  /** Base32 secret, as returned by generateSecret(). */
  secret: string;
  /** Shown in the authenticator app under the issuer: the user's email. */
  accountName: string;
  issuer?: string;
}

export interface TotpVerifyOptions {
  /** Time step of the last code accepted for this user: it and earlier steps are refused (no replay). */
  lastUsedStep?: number;
  /** Instant to verify at; the current time unless given (tests). */
  now?: Date;
}

@Injectable()
export class TotpService {
  generateSecret(): string {
    return generateSecret({ length: SECRET_BYTES });
  }

  /** otpauth:// URI to render as the enrolment QR code. */
  provisioningUri({ secret, accountName, issuer = 'Quire' }: TotpProvisioning): string {
    return generateURI({ issuer, label: accountName, secret });
  }

  /**
   * The time step the token matches, within one step either side of now (clock drift), or null. Store the step
   * and pass it back as `lastUsedStep` so the same code cannot be used twice. Never throws: bad input is null.
   */
  async verify(secret: string, token: string, options: TotpVerifyOptions = {}): Promise<number | null> {
    // Apps show "123 456"; users paste it with the space.
    const digits = typeof token === 'string' ? token.replace(/\s/g, '') : '';
    if (!TOKEN.test(digits)) return null;
    try {
      const result = await verify({
        secret,
        token: digits,
        epoch: Math.floor((options.now ?? new Date()).getTime() / 1000),
        epochTolerance: TOTP_PERIOD_SECONDS,
        afterTimeStep: options.lastUsedStep,
      });
      // The functional API types TOTP and HOTP results together; only TOTP's carries the step.
      return result.valid && 'timeStep' in result ? result.timeStep : null;
    } catch {
      // A malformed secret, or a lastUsedStep ahead of the window (every step in it is then already used).
      return null;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor, AuthenticationRequest } from '@quire/core';
import { Strategy as CustomStrategy } from 'passport-custom';
import { ApiKeyVerifier } from '../api-keys/api-key.verifier';
import { PassportAuthenticator } from './passport.authenticator';

export const API_KEY_STRATEGY = 'quire-api-key';

/**
 * Authenticates an API key (`Authorization: Bearer qk_…` or `X-Api-Key`) as an `api-key` actor bound to its
 * workspace; ApiKeyVerifier does the work. Tried after the session strategy: a JWT is never a key.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(CustomStrategy, API_KEY_STRATEGY) {
  constructor(
    private readonly verifier: ApiKeyVerifier,
    authenticator: PassportAuthenticator,
  ) {
    super();
    authenticator.use(API_KEY_STRATEGY, this, 20);
  }

  validate(request: AuthenticationRequest): Promise<Actor | null> {
    return this.verifier.verify(request);
  }
}

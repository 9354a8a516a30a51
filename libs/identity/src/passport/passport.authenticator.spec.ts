import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor, AuthenticationRequest } from '@quire/core';
import { Strategy as CustomStrategy } from 'passport-custom';
import { PassportAuthenticator } from './passport.authenticator';

/** A strategy as the identity ones are written: recognises `x-test: <name>`, fails on `x-test: boom`. */
function strategyNamed(name: string, order: number, seen: AuthenticationRequest[] = []) {
  @Injectable()
  class TestStrategy extends PassportStrategy(CustomStrategy, name) {
    constructor(authenticator: PassportAuthenticator) {
      super();
      authenticator.use(name, this, order);
    }

    async validate(request: AuthenticationRequest): Promise<Actor | null> {
      seen.push(request);
      if (request.headers['x-test'] === 'boom') throw new Error(`${name} failed`);
      return request.headers['x-test'] === name ? { type: 'user', id: name } : null;
    }
  }
  return TestStrategy;
}

const request = (headers: Record<string, string> = {}): AuthenticationRequest => ({
  headers,
  ip: null,
  method: 'GET',
  path: '/',
});

describe(PassportAuthenticator.name, () => {
  it('answers null with no strategy, and when no strategy recognises the request', async () => {
    const sut = new PassportAuthenticator();
    expect(await sut.authenticate(request())).toBeNull();
    new (strategyNamed('first', 10))(sut);
    expect(await sut.authenticate(request({ 'x-test': 'nobody' }))).toBeNull();
  });

  it('tries the strategies in their order and stops at the first that recognises the request', async () => {
    const sut = new PassportAuthenticator();
    const seenBySecond: AuthenticationRequest[] = [];
    new (strategyNamed('second', 20, seenBySecond))(sut);
    new (strategyNamed('first', 10))(sut);
    expect(sut.strategyNames).toEqual(['first', 'second']);
    expect(await sut.authenticate(request({ 'x-test': 'first' }))).toEqual({ type: 'user', id: 'first' });
    expect(seenBySecond).toHaveLength(0);
    expect(await sut.authenticate(request({ 'x-test': 'second' }))).toEqual({ type: 'user', id: 'second' });
  });

  it('rejects with the error a strategy throws (a CSRF refusal must reach the client)', async () => {
    const sut = new PassportAuthenticator();
    new (strategyNamed('first', 10))(sut);
    await expect(sut.authenticate(request({ 'x-test': 'boom' }))).rejects.toThrow('first failed');
  });

  it("hands the strategies a copy: passport's decorations never reach the kernel's request", async () => {
    const sut = new PassportAuthenticator();
    const seen: AuthenticationRequest[] = [];
    new (strategyNamed('first', 10, seen))(sut);
    const original = request({ 'x-test': 'first' });
    await sut.authenticate(original);
    expect(seen[0]).not.toBe(original);
    expect(seen[0].headers).toBe(original.headers);
    expect(Object.keys(original).sort()).toEqual(['headers', 'ip', 'method', 'path']);
  });

  it('refuses a second strategy of the same name', () => {
    const sut = new PassportAuthenticator();
    new (strategyNamed('first', 10))(sut);
    expect(() => new (strategyNamed('first', 20))(sut)).toThrow(/registered twice/);
  });
});

import { ValidationFailedError } from '@quire/core';
import { RectificationEmailError } from './data-subject-request.errors';
import { checkRequestDetails } from './request-details';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailedError) return (error.errors ?? []).map((e) => e.path);
    throw error;
  }
  return [];
}

describe('checkRequestDetails', () => {
  it('accepts what each type may carry', () => {
    expect(checkRequestDetails('rectification', { displayName: 'Ada', language: 'pt-BR' })).toEqual({
      displayName: 'Ada',
      language: 'pt-BR',
    });
    expect(checkRequestDetails('objection', { purposes: ['marketing'], note: 'No more mail' })).toBeTruthy();
    expect(checkRequestDetails('access', {})).toEqual({});
  });

  it('names each member that does not belong or does not hold', () => {
    expect(problems(() => checkRequestDetails('access', { displayName: 'Ada' }))).toEqual(['details.displayName']);
    expect(problems(() => checkRequestDetails('rectification', { language: 'not a tag!' }))).toEqual([
      'details.language',
    ]);
    expect(problems(() => checkRequestDetails('rectification', {}))).toEqual(['details']);
    expect(problems(() => checkRequestDetails('objection', { purposes: 'marketing' }))).toEqual(['details.purposes']);
    expect(problems(() => checkRequestDetails('erasure', { note: '' }))).toEqual(['details.note']);
  });

  it('sends email changes to their own flow', () => {
    expect(() => checkRequestDetails('rectification', { email: 'new@example.com' })).toThrow(RectificationEmailError);
  });
});

import { isUuid, RESERVED_SLUGS, slugProblem } from './workspace-slug';

describe(slugProblem.name, () => {
  it.each(['acme', 'acme-corp', 'a1b', 'x'.repeat(48), '123'])('accepts %j', (slug) => {
    expect(slugProblem(slug)).toBeNull();
  });

  it.each([
    ['ab', /3 to 48/],
    ['x'.repeat(49), /3 to 48/],
    ['ACME', /kebab-case/],
    ['acme_corp', /kebab-case/],
    ['acme-', /kebab-case/],
    ['acmé', /kebab-case/],
    ['0192f0c4-7a3e-7c1d-8e2f-123456789abc', /UUID/],
    ['sign-up', /reserved/],
  ])('refuses %j naming slug and the rule', (slug, rule) => {
    expect(slugProblem(slug)).toEqual({ path: 'slug', message: expect.stringMatching(rule) });
  });

  it('refuses every reserved slug that the format would otherwise allow', () => {
    for (const slug of RESERVED_SLUGS) expect(slugProblem(slug)).not.toBeNull();
  });

  it('tells ids from slugs', () => {
    expect(isUuid('0192F0C4-7A3E-7C1D-8E2F-123456789ABC')).toBe(true);
    expect(isUuid('acme')).toBe(false);
  });
});

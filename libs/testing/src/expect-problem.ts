/** What supertest hands back, as far as a problem assertion needs it. */
interface ProblemResponse {
  headers: Record<string, string>;
  body: { type?: string; errors?: Array<{ path: string }> };
}

/**
 * Asserts a 400 `core.validation-failed` problem whose `errors` name (at least) each of `fields`: the shape
 * every bad-input test of a Quire API checks.
 */
export function expectValidationProblem(response: ProblemResponse, fields: readonly string[]): void {
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.body.type).toBe('urn:quire:problem:core.validation-failed');
  const paths = new Set((response.body.errors ?? []).map((error) => error.path));
  for (const field of fields) expect(paths).toContain(field);
}

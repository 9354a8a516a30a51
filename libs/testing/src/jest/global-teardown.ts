export default async function globalTeardown(): Promise<void> {
  await globalThis.__quireEmbeddedTestDb?.stop();
  globalThis.__quireEmbeddedTestDb = undefined;
}

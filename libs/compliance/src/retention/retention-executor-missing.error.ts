/** A boot error: a policy's executor is not a provider of any loaded module, so its rows could never be removed. */
export class RetentionExecutorMissingError extends Error {
  override readonly name = 'RetentionExecutorMissingError';

  constructor(plugin: string, policy: string, executor: string) {
    super(
      `Quire cannot start: plugin "${plugin}": retention policy "${policy}": executor ${executor} is not a provider ` +
        `of any loaded module. Fix: add ${executor} to the providers of the plugin's module.`,
    );
  }
}

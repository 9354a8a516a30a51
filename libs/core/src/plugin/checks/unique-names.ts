import type { Candidate } from './candidate';

/**
 * Names that must be unique across the loaded plugins. The first declaration keeps a name, so a clash is
 * reported on the plugin configured later, which is the one to rename.
 */
export class UniqueNames {
  private readonly owners = new Map<string, Candidate>();

  /** Takes `name` for `c`; if it was taken already, the problem: `<what> is <verb> twice` or `… also <verb> by …`. */
  claim(c: Candidate, name: string, what: string, verb: 'declared' | 'used'): string | undefined {
    const owner = this.owners.get(name);
    if (owner === undefined) {
      this.owners.set(name, c);
      return undefined;
    }
    return owner === c ? `${what} is ${verb} twice` : `${what} is also ${verb} by plugin "${owner.label}"`;
  }
}

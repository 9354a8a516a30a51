import { Injectable, signal } from '@angular/core';
import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';

/**
 * The member's CASL ability in the current workspace, readable from templates and computed signals.
 * The same pattern as @casl/angular's AbilityServiceSignal, which cannot be used with @casl/ability 7: it injects
 * the `PureAbility` class as its token, and version 7 no longer exports it (see ADR 0029).
 */
@Injectable({ providedIn: 'root' })
export class MemberAbility {
  private readonly ability: MongoAbility = createMongoAbility();
  /** Bumped on every update, so signals that asked `can` re-evaluate. */
  private readonly version = signal(0);

  can(action: string, subject: string, field?: string): boolean {
    this.version();
    return this.ability.can(action, subject, field);
  }

  update(rules: RawRuleOf<MongoAbility>[]): void {
    this.ability.update(rules);
    this.version.update((v) => v + 1);
  }
}

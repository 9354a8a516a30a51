import { CronTime } from 'cron';
import type { Candidate } from './candidate';
import { afterLastDot, KEBAB, suggestKebab } from './names';
import { problemOn, type PositionedProblem } from './problem';
import { UniqueNames } from './unique-names';

/** Job names are `<plugin>.<kebab-name>` and unique, and each cron expression parses. */
export function checkJobs(candidates: readonly Candidate[]): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const jobNames = new UniqueNames();
  for (const c of candidates) {
    for (const job of c.definition.jobs ?? []) {
      const prefix = `${c.label}.`;
      const rest = job.name.startsWith(prefix) ? job.name.slice(prefix.length) : undefined;
      if (rest === undefined || !KEBAB.test(rest)) {
        problems.push(
          problemOn(
            c,
            `job "${job.name}" is not named "${c.label}.<kebab-name>"`,
            `rename it to "${prefix}${suggestKebab(afterLastDot(job.name)) || 'job'}"`,
          ),
        );
      }
      const clash = jobNames.claim(c, job.name, `job "${job.name}"`, 'declared');
      if (clash !== undefined) problems.push(problemOn(c, clash, 'give each job its own name'));
      const cronError = cronProblem(job.cron);
      if (cronError !== undefined) {
        problems.push(
          problemOn(
            c,
            `job "${job.name}" has an invalid cron expression ${JSON.stringify(job.cron)} (${cronError})`,
            'write five fields (minute hour day-of-month month day-of-week) or six with seconds first, e.g. "0 3 * * *"',
          ),
        );
      }
    }
  }
  return problems;
}

function cronProblem(expression: unknown): string | undefined {
  if (typeof expression !== 'string') return 'not a string';
  try {
    new CronTime(expression);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

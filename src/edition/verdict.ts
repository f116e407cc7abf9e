import type { SourceFailurePolicy } from '../config/index.js';
import type { FailedSource } from '../sources/index.js';

export interface RunFacts {
  /** Names of the sources the edition reads. */
  sources: string[];
  failedSources: FailedSource[];
  /** Inputs read at all (a file, a feed item, a page). */
  inputs: number;
  /** Stories (threads) the briefing shows, after memory left out the ones already reported. */
  stories: number;
  minStories: number;
  onSourceFailure: SourceFailurePolicy;
}

/** failures: the run must not be delivered; warnings: it is, with these said in the log and on the CLI. */
export interface RunVerdict {
  failures: string[];
  warnings: string[];
}

/**
 * Whether an edition's briefing is worth sending. An empty briefing mailed as a success hides the outage that
 * emptied it (and its recipients' slot for the date), so a run where every source failed, or that shows fewer
 * stories than `minStories`, fails; a partial source failure fails under `onSourceFailure: fail`, else warns.
 */
export function judgeRun(facts: RunFacts): RunVerdict {
  const failures: string[] = [];
  const warnings: string[] = [];
  const failedNames = new Set(facts.failedSources.map((f) => f.name));
  const describe = (f: FailedSource) => `source "${f.name}" (${f.location}) failed: ${f.reason}`;
  const allFailed = facts.sources.length > 0 && facts.sources.every((name) => failedNames.has(name));
  if (allFailed) {
    failures.push(`every source failed: ${facts.failedSources.map(describe).join('; ')}`);
  } else if (facts.inputs === 0) {
    failures.push(
      `nothing could be read from the edition's sources${facts.failedSources.length ? ` (${facts.failedSources.map(describe).join('; ')})` : ''}`,
    );
  } else {
    for (const failed of facts.failedSources) (facts.onSourceFailure === 'fail' ? failures : warnings).push(describe(failed));
  }
  if (!allFailed && facts.inputs > 0 && facts.stories < facts.minStories) {
    failures.push(`the briefing has ${facts.stories} ${facts.stories === 1 ? 'story' : 'stories'}, fewer than minStories (${facts.minStories})`);
  }
  return { failures, warnings };
}

/** What an operator can do about a failed run, for the alert. */
export function failedRunFix(edition: string, date: string): string {
  return (
    `check the sources named above (briefing status, the scheduler's log), fix them or the edition's minStories / onSourceFailure, ` +
    `then run briefing generate --edition ${edition} --date ${date}: nothing was delivered for that date, so it goes out as usual.`
  );
}

import { keptIndexes, removeLine, type WorkLine } from '../lines.js';

/** Calls to action are only trusted near the end, where outlets put them; earlier the same words may be reporting. */
const TAIL_LINES = 4;
const MAX_SIGN_OFF_WORDS = 40;
// Each pattern speaks to the reader ("our", "us", an address, a handle), which reporting does not.
const CALL_TO_ACTION =
  /\b(?:(?:subscribe|sign up)\b.{0,40}\b(?:our|us|free|today|now)\b|(?:our|free|daily|weekly) newsletters?\b|follow (?:us|@\w+)|follow [\p{L}@.]+ on (?:twitter|facebook|instagram|youtube|tiktok)|may be reached at|write to \S.* at \S+@|have a tip\?|click here|download (?:our|the) app|all rights reserved)/iu;

/** "Have a tip? Jane Doe may be reached at ...", "Follow Newsbeat on Instagram ...": the closing lines of a page. */
export function removeSignOff(lines: WorkLine[]): void {
  const kept = keptIndexes(lines);
  for (const index of kept.slice(-TAIL_LINES)) {
    const line = lines[index]!;
    if (line.tally.words <= MAX_SIGN_OFF_WORDS && CALL_TO_ACTION.test(line.text)) removeLine(line, 'sign-off');
  }
}

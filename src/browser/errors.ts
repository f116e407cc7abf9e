import { BriefingError } from '../util/errors.js';

/**
 * Browser failures get their own exit codes so a wrapper script (cron, CI) can tell
 * "install Chromium" apart from "the document is too big for the deadline".
 */

/** No usable Chromium/Chrome executable: exit code 3. */
export class BrowserNotFoundError extends BriefingError {
  override readonly exitCode = 3;
}

/** The executable exists but did not start (or did not answer in time): exit code 3. */
export class BrowserLaunchError extends BriefingError {
  override readonly exitCode = 3;
}

/** A render ran past its deadline: exit code 4. */
export class RenderTimeoutError extends BriefingError {
  override readonly exitCode = 4;
}

/** The browser died during a render, also on the retry with a fresh browser: exit code 5. */
export class BrowserCrashedError extends BriefingError {
  override readonly exitCode = 5;
}

/** A job was submitted after close(): a programming error, exit code 1. */
export class BrowserClosedError extends BriefingError {}

/**
 * Every render page is busy and the waiting line is full: try again later (a server answers 429). Exit code 1:
 * the CLI renders one document at a time and never fills the line.
 */
export class BrowserBusyError extends BriefingError {}

/** The caller gave up (its AbortSignal fired) while the render was still waiting for a page. */
export class RenderAbortedError extends BriefingError {}

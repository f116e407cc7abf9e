/** Errors the CLI turns into exit codes; messages say what failed and how to fix it. */
export class BriefingError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command-line usage or option values: exit code 2. */
export class UsageError extends BriefingError {
  override readonly exitCode = 2;
}

/** An output could not be written. */
export class OutputError extends BriefingError {}

/**
 * An edition run that produced nothing worth sending (every source failed, fewer stories than `minStories`, or a
 * source failed under `onSourceFailure: fail`): nothing was delivered, the run is recorded as failed. Exit code 7.
 */
export class EditionRunFailedError extends BriefingError {
  override readonly exitCode = 7;
  constructor(
    message: string,
    readonly reasons: readonly string[],
  ) {
    super(message);
  }
}

/** A delivery an operator asked for (`briefing deliver`) did not go out. */
export class DeliveryError extends BriefingError {}

/** What a caught value says: an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of what a caught value says (a parser's message may go on with an excerpt of the input). */
export function firstErrorLine(error: unknown): string {
  return errorMessage(error).split('\n')[0]!;
}

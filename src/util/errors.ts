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

/** A delivery an operator asked for (`briefing deliver`) did not go out. */
export class DeliveryError extends BriefingError {}

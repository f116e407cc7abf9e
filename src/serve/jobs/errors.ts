import { BriefingError } from '../../util/errors.js';

/** The bounded queue of waiting jobs is full: the API answers 429 (by this name). */
export class JobQueueFullError extends BriefingError {}

/** The runner is shutting down and takes no new job. */
export class JobRunnerClosedError extends BriefingError {}

export { createJobRunner, type JobRunner, type JobRunnerOptions, type JobRunnerStats } from './runner.js';
export { JobQueueFullError, JobRunnerClosedError } from './errors.js';

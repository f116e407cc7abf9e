/* JSON schemas of the API's answers, shared by the routes and the OpenAPI document. */

export const problemSchema = {
  type: 'object',
  description: 'An error (RFC 9457); detail says what to do.',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
  required: ['type', 'title', 'status', 'detail'],
} as const;

const STAGES = ['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose', 'memory', 'render', 'write'];

export const jobViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['briefing', 'edition'] },
    edition: { type: 'string' },
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    stage: { type: 'string', enum: STAGES },
    stages: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', enum: STAGES }, ms: { type: 'number' } } } },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    outputs: { type: 'object', additionalProperties: { type: 'string' }, description: 'URLs of the files made, by format.' },
    excluded: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, reason: { type: 'string' } } } },
    warnings: { type: 'array', items: { type: 'string' } },
    errors: { type: 'array', items: { type: 'string' } },
    threads: { type: 'integer' },
  },
  required: ['id', 'kind', 'state', 'stages', 'createdAt', 'outputs', 'excluded', 'warnings', 'errors'],
} as const;

/** Answers every route may give besides its own. */
export function withProblems(responses: Record<number, unknown>, ...statuses: number[]): Record<number, unknown> {
  const all: Record<number, unknown> = { ...responses };
  for (const status of statuses) all[status] = problemSchema;
  return all;
}

export const idParam = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['id'],
} as const;

/* The job page's view model: pure, from the JobView the runner reports. */
import type { Briefing, BriefingThread } from '../../model/schema.js';
import { formatDateTime, threadsByDepth } from '../../render/helpers.js';
import type { JobStage, JobView } from '../context.js';
import { jobFileLinks, moreInBrief, storyPath } from './models.js';

const STAGE_LABELS: Record<JobStage, string> = {
  ingest: 'Read the inputs',
  clean: 'Clean the articles',
  analyze: 'Find names, dates and figures',
  group: 'Group articles into stories',
  summarize: 'Summarize',
  compose: 'Compose the briefing',
  memory: 'Compare with earlier editions',
  render: 'Render the files',
  write: 'Save the files',
};

export function stagesOf(kind: JobView['kind']): JobStage[] {
  const all: JobStage[] = ['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose', 'memory', 'render', 'write'];
  return kind === 'edition' ? all : all.filter((s) => s !== 'memory');
}

const STATE_LABELS: Record<JobView['state'], string> = {
  queued: 'Waiting for its turn…',
  running: 'Working…',
  done: 'Done.',
  failed: 'Failed.',
};

export function jobPageModel(job: JobView, briefing: Briefing | undefined, timeZone = 'UTC') {
  const finished = new Map(job.stages.map((s) => [s.name, s.ms]));
  const stages = stagesOf(job.kind).map((name) => {
    const ms = finished.get(name);
    const status = ms !== undefined ? 'done' : job.state === 'running' && job.stage === name ? 'running' : job.state === 'failed' && job.stage === name ? 'failed' : 'waiting';
    const statusLabel = status === 'done' ? `done in ${formatMs(ms!)}` : status === 'running' ? 'running' : status === 'failed' ? 'failed' : 'waiting';
    return { name, label: STAGE_LABELS[name], status, statusLabel };
  });
  const base = `/jobs/${encodeURIComponent(job.id)}`;
  const link = (t: BriefingThread) => ({ headline: t.headline, href: storyPath(base, t.id) });
  const { full, brief: inBrief } = threadsByDepth(briefing?.threads ?? []);
  return {
    job,
    heading: job.kind === 'edition' ? `Edition ${job.edition ?? ''}` : (briefing?.title ?? 'Your briefing'),
    created: formatDateTime(job.createdAt, timeZone),
    stateLabel: job.state === 'done' && job.threads !== undefined ? `Done: ${job.threads} ${job.threads === 1 ? 'story' : 'stories'}.` : STATE_LABELS[job.state],
    stages,
    errors: job.errors,
    warnings: job.warnings,
    excluded: job.excluded,
    outputs: job.state === 'done' ? jobFileLinks(job.outputs) : [],
    threads: full.map(link),
    inBrief: inBrief.length > 0 ? { label: moreInBrief(inBrief.length), threads: inBrief.map(link) } : undefined,
    finished: job.state === 'done' || job.state === 'failed',
  };
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

import { BriefingSchema, type Briefing, type BriefingArticle, type BriefingEvent, type BriefingThread } from '../model/schema.js';
import {
  eventsBefore,
  listThreads,
  previousMemoryDay,
  seenArticlesBefore,
  type RememberedEvent,
  type SeenArticle,
  type Db,
  type Store,
} from '../store/index.js';
import { urlIdentity } from '../text/url.js';
import { articleKeys, contentHash } from './keys.js';
import { SIGNATURE_THRESHOLD, jaccard, threadSignature } from './signature.js';

export interface MemoryOptions {
  /** Memory is kept per edition: a morning and an evening edition each have their own "already reported". */
  edition: string;
  /** A story with nothing new for more than this many days drops out (default 3). */
  staleAfterDays?: number;
}

/** A remembered thread as it stood before the briefing date. */
interface PastThread {
  id: string;
  firstDate: string;
  lastNewDate: string;
  signature: string[];
  events: RememberedEvent[];
}

interface Memory {
  previousDate: string | null;
  byUrl: Map<string, SeenArticle>;
  byHash: Map<string, SeenArticle>;
  threads: Map<string, PastThread>;
}

/**
 * Continuity with earlier editions, read from the store (nothing is written: see rememberBriefing).
 * Returns a new, validated model in which
 * - a thread continuing a remembered story takes its id (matched by a shared article, else by a similar
 *   signature) and says since when it runs (`continuesFrom`, `lastEditionDate`); other threads are `isNew`;
 * - articles, events and summary sentences say whether they are `isNewSinceLast`;
 * - a thread whose articles were all reported before is left out (counted in `memory.carriedOver`, or in
 *   `memory.staleDropped` once nothing new came for more than `staleAfterDays` days);
 * - a continuing thread's timeline gets the remembered earlier events, marked not new.
 * Only memory from dates before the briefing date is used, so re-running a date gives the same result.
 */
export async function applyMemory(briefing: Briefing, store: Store, options: MemoryOptions): Promise<Briefing> {
  const staleAfterDays = options.staleAfterDays ?? 3;
  const memory = await store.read((db) => loadMemory(db, options.edition, briefing.date));
  const seenOf = (article: BriefingArticle): SeenArticle | undefined => {
    const url = urlIdentity(article.url);
    return (url !== null ? memory.byUrl.get(url) : undefined) ?? memory.byHash.get(contentHash(article));
  };
  const articles = briefing.articles.map((a) => ({ ...a, isNewSinceLast: seenOf(a) === undefined }));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const isNew = (id: string) => byId.get(id)?.isNewSinceLast ?? false;

  const assigned = new Set<string>();
  const used = new Set<string>();
  const threads: BriefingThread[] = [];
  let carriedOver = 0;
  let staleDropped = 0;
  for (const thread of briefing.threads) {
    const seen = thread.articleIds.flatMap((id) => {
      const article = byId.get(id);
      const known = article && seenOf(article);
      return known ? [known] : [];
    });
    const past = matchThread(thread, seen, briefing, memory, assigned, briefing.date, staleAfterDays);
    if (!thread.articleIds.some(isNew)) {
      const lastNew = past?.lastNewDate ?? maxDate(seen.map((s) => s.firstSeenDate));
      if (lastNew !== null && daysBetween(lastNew, briefing.date) > staleAfterDays) staleDropped++;
      else carriedOver++;
      continue;
    }
    if (past) assigned.add(past.id);
    const id = uniqueId(past?.id ?? thread.id, used);
    used.add(id);
    threads.push(past ? continued(thread, id, past, byId, isNew) : { ...mark(thread, isNew), id, isNew: true });
  }
  threads.forEach((t, i) => (t.rank = i + 1));

  return BriefingSchema.parse({
    ...briefing,
    articles,
    threads,
    stats: { ...briefing.stats, threads: threads.length, events: threads.reduce((n, t) => n + t.events.length, 0) },
    memory: { edition: options.edition, previousDate: memory.previousDate, carriedOver, staleDropped },
  });
}

async function loadMemory(db: Db, edition: string, date: string): Promise<Memory> {
  const seen = await seenArticlesBefore(db, edition, date);
  const byUrl = new Map<string, SeenArticle>();
  const byHash = new Map<string, SeenArticle>();
  for (const article of seen) {
    if (article.url !== null && !byUrl.has(article.url)) byUrl.set(article.url, article);
    if (!byHash.has(article.contentHash)) byHash.set(article.contentHash, article);
  }
  const datesOf = groupBy(seen, (a) => a.threadId);
  const eventsOf = groupBy(await eventsBefore(db, edition, date), (e) => e.threadId);
  const threads = new Map<string, PastThread>();
  // A thread's dates come from its articles seen before `date`, not from the threads row, which a run of
  // this same date may already have updated.
  for (const row of await listThreads(db, edition)) {
    const dates = (datesOf.get(row.id) ?? []).map((a) => a.firstSeenDate);
    if (dates.length === 0) continue;
    threads.set(row.id, {
      id: row.id,
      firstDate: minDate(dates)!,
      lastNewDate: maxDate(dates)!,
      signature: row.signature,
      events: eventsOf.get(row.id) ?? [],
    });
  }
  return { previousDate: await previousMemoryDay(db, edition, date), byUrl, byHash, threads };
}

/**
 * The remembered story this thread continues: the one sharing most of its articles, else the most similar
 * signature above SIGNATURE_THRESHOLD among stories not yet stale. Each remembered story continues at most once.
 */
function matchThread(
  thread: BriefingThread,
  seen: SeenArticle[],
  briefing: Briefing,
  memory: Memory,
  assigned: Set<string>,
  date: string,
  staleAfterDays: number,
): PastThread | undefined {
  const overlap = new Map<string, number>();
  for (const article of seen) {
    if (memory.threads.has(article.threadId) && !assigned.has(article.threadId)) overlap.set(article.threadId, (overlap.get(article.threadId) ?? 0) + 1);
  }
  const byOverlap = [...overlap].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (byOverlap) return memory.threads.get(byOverlap[0]);

  const signature = threadSignature(briefing, thread);
  let best: { past: PastThread; score: number } | undefined;
  for (const past of memory.threads.values()) {
    if (assigned.has(past.id) || daysBetween(past.lastNewDate, date) > staleAfterDays) continue;
    const score = jaccard(signature, past.signature);
    if (score >= SIGNATURE_THRESHOLD && (!best || score > best.score || (score === best.score && past.id < best.past.id))) best = { past, score };
  }
  return best?.past;
}

function continued(
  thread: BriefingThread,
  id: string,
  past: PastThread,
  byId: Map<string, BriefingArticle>,
  isNew: (id: string) => boolean,
): BriefingThread {
  const marked = mark(thread, isNew);
  const todayIds = new Set(marked.events.map((e) => e.id));
  const todayKeys = new Set(thread.articleIds.flatMap((aid) => (byId.has(aid) ? articleKeys(byId.get(aid)!) : [])));
  const earlier: BriefingEvent[] = past.events
    .filter((e) => !todayIds.has(e.eventId) && !e.articleKeys.every((key) => todayKeys.has(key)))
    .filter((e) => !past.events.some((other) => supersedes(other, e)))
    .map((e) => ({
      id: e.eventId,
      date: e.date,
      dateCertain: e.dateCertain,
      headline: e.headline,
      summary: [],
      articleIds: e.articleIds,
      isNewSinceLast: false,
    }));
  const events = [...earlier, ...marked.events].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id),
  );
  return { ...marked, id, events, isNew: false, continuesFrom: past.firstDate, lastEditionDate: past.lastNewDate };
}

/** A later grouping put all of `event`'s articles and more into `other`: show only the larger event. */
function supersedes(other: RememberedEvent, event: RememberedEvent): boolean {
  return other !== event && other.articleKeys.length > event.articleKeys.length && event.articleKeys.every((k) => other.articleKeys.includes(k));
}

function mark(thread: BriefingThread, isNew: (id: string) => boolean): BriefingThread {
  const sentence = (s: BriefingThread['summary'][number]) => ({ ...s, isNewSinceLast: s.articleIds.some(isNew) });
  return {
    ...thread,
    summary: thread.summary.map(sentence),
    events: thread.events.map((e) => ({ ...e, summary: e.summary.map(sentence), isNewSinceLast: e.articleIds.some(isNew) })),
  };
}

function uniqueId(id: string, used: Set<string>): string {
  if (!used.has(id)) return id;
  let n = 2;
  while (used.has(`${id}-${n}`)) n++;
  return `${id}-${n}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const minDate = (dates: string[]) => (dates.length === 0 ? null : dates.reduce((a, b) => (b < a ? b : a)));
const maxDate = (dates: string[]) => (dates.length === 0 ? null : dates.reduce((a, b) => (b > a ? b : a)));

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

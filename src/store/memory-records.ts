import type { Db } from './db.js';

/** An article reported in an edition: known by its normalized URL and its content fingerprint. */
export interface SeenArticle {
  edition: string;
  url: string | null;
  contentHash: string;
  firstSeenDate: string;
  threadId: string;
  articleId: string;
  title: string;
}

/** A story thread as remembered from earlier editions. */
export interface RememberedThread {
  edition: string;
  id: string;
  firstDate: string;
  /** The last date the thread had an article not reported before. */
  lastNewDate: string;
  /** Top entity keys ("e:...") and terms ("t:...") used to recognize the story on another day. */
  signature: string[];
  headline: string;
}

/** The minimal record of an event, enough to show it in a later timeline. */
export interface RememberedEvent {
  edition: string;
  threadId: string;
  eventId: string;
  date: string | null;
  dateCertain: boolean;
  headline: string;
  articleIds: string[];
  /** URL or content keys of its articles (see articleKeys in src/memory), to tell whether today covers it. */
  articleKeys: string[];
  firstSeenDate: string;
}

interface SeenRow {
  edition: string;
  url: string | null;
  content_hash: string;
  first_seen_date: string;
  thread_id: string;
  article_id: string;
  title: string;
}

/** Articles first reported before `beforeDate` (so re-running a date sees the same memory as its first run). */
export async function seenArticlesBefore(db: Db, edition: string, beforeDate: string): Promise<SeenArticle[]> {
  return (
    await db.all<SeenRow>('SELECT * FROM articles_seen WHERE edition = ? AND first_seen_date < ? ORDER BY first_seen_date, content_hash', [
      edition,
      beforeDate,
    ])
  ).map((r) => ({
      edition: r.edition,
      url: r.url,
      contentHash: r.content_hash,
      firstSeenDate: r.first_seen_date,
      threadId: r.thread_id,
      articleId: r.article_id,
      title: r.title,
    }));
}

/** Remembers an article unless it is already known by URL or content; true when it was new. */
export async function recordSeenArticle(db: Db, article: SeenArticle): Promise<boolean> {
  if (article.url !== null && (await db.get('SELECT 1 AS one FROM articles_seen WHERE edition = ? AND url = ?', [article.edition, article.url]))) return false;
  return (
    (await db.run(
      `INSERT INTO articles_seen (edition, url, content_hash, first_seen_date, thread_id, article_id, title)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [article.edition, article.url, article.contentHash, article.firstSeenDate, article.threadId, article.articleId, article.title],
    )) === 1
  );
}

interface ThreadRow {
  edition: string;
  id: string;
  first_date: string;
  last_new_date: string;
  signature: string;
  headline: string;
}

export async function listThreads(db: Db, edition: string): Promise<RememberedThread[]> {
  return (await db.all<ThreadRow>('SELECT * FROM threads WHERE edition = ? ORDER BY first_date, id', [edition])).map((r) => ({
    edition: r.edition,
    id: r.id,
    firstDate: r.first_date,
    lastNewDate: r.last_new_date,
    signature: JSON.parse(r.signature) as string[],
    headline: r.headline,
  }));
}

/** Inserts a thread or updates it: the first date only moves earlier, the last-new date only later. */
export async function upsertThread(db: Db, thread: RememberedThread): Promise<void> {
  // CASE, not SQLite's two-argument MIN/MAX (PostgreSQL's LEAST/GREATEST): the same SQL on both backends.
  await db.run(
    `INSERT INTO threads (edition, id, first_date, last_new_date, signature, headline) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (edition, id) DO UPDATE SET
       first_date = CASE WHEN excluded.first_date < threads.first_date THEN excluded.first_date ELSE threads.first_date END,
       last_new_date = CASE WHEN excluded.last_new_date > threads.last_new_date THEN excluded.last_new_date ELSE threads.last_new_date END,
       signature = excluded.signature, headline = excluded.headline`,
    [thread.edition, thread.id, thread.firstDate, thread.lastNewDate, JSON.stringify(thread.signature), thread.headline],
  );
}

interface EventRow {
  edition: string;
  thread_id: string;
  event_id: string;
  date: string | null;
  date_certain: number;
  headline: string;
  article_ids: string;
  article_keys: string;
  first_seen_date: string;
}

/** Events first recorded before `beforeDate`, oldest first. */
export async function eventsBefore(db: Db, edition: string, beforeDate: string): Promise<RememberedEvent[]> {
  return (
    await db.all<EventRow>(
      `SELECT * FROM thread_events WHERE edition = ? AND first_seen_date < ? ORDER BY COALESCE(date, first_seen_date), event_id`,
      [edition, beforeDate],
    )
  ).map((r) => ({
      edition: r.edition,
      threadId: r.thread_id,
      eventId: r.event_id,
      date: r.date,
      dateCertain: r.date_certain === 1,
      headline: r.headline,
      articleIds: JSON.parse(r.article_ids) as string[],
      articleKeys: JSON.parse(r.article_keys) as string[],
      firstSeenDate: r.first_seen_date,
    }));
}

/** Remembers an event once; a later record of the same event id in the same thread changes nothing. */
export async function recordEvent(db: Db, event: RememberedEvent): Promise<void> {
  await db.run(
    `INSERT INTO thread_events (edition, thread_id, event_id, date, date_certain, headline, article_ids, article_keys, first_seen_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [
      event.edition,
      event.threadId,
      event.eventId,
      event.date,
      event.dateCertain ? 1 : 0,
      event.headline,
      JSON.stringify(event.articleIds),
      JSON.stringify(event.articleKeys),
      event.firstSeenDate,
    ],
  );
}

export async function recordMemoryDay(db: Db, edition: string, date: string): Promise<void> {
  await db.run('INSERT INTO memory_days (edition, date) VALUES (?, ?) ON CONFLICT DO NOTHING', [edition, date]);
}

/** The last date memory was recorded for before `beforeDate`: the previous edition. */
export async function previousMemoryDay(db: Db, edition: string, beforeDate: string): Promise<string | null> {
  return (await db.get<{ date: string }>('SELECT date FROM memory_days WHERE edition = ? AND date < ? ORDER BY date DESC LIMIT 1', [edition, beforeDate]))?.date ?? null;
}

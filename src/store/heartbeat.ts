import type { Db } from './db.js';
import { isProcessRunning } from '../util/process.js';

/** One scheduler process as it last reported itself. */
export interface Heartbeat {
  host: string;
  pid: number;
  startedAt: string;
  lastSeenAt: string;
  /** Set when it shut down cleanly; null while running, or when it died without a word. */
  stoppedAt: string | null;
}

interface HeartbeatRow {
  host: string;
  pid: number;
  started_at: string;
  last_seen_at: string;
  stopped_at: string | null;
}

const toHeartbeat = (r: HeartbeatRow): Heartbeat => ({ host: r.host, pid: r.pid, startedAt: r.started_at, lastSeenAt: r.last_seen_at, stoppedAt: r.stopped_at });

/** The scheduler identified by (host, pid, startedAt) is alive at `now`. */
export async function recordHeartbeat(db: Db, who: Pick<Heartbeat, 'host' | 'pid' | 'startedAt'>, now: Date): Promise<void> {
  await db.run(
    `INSERT INTO scheduler_heartbeats (host, pid, started_at, last_seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (host, pid, started_at) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
    [who.host, who.pid, who.startedAt, now.toISOString()],
  );
}

/** The scheduler shut down cleanly. */
export async function recordSchedulerStopped(db: Db, who: Pick<Heartbeat, 'host' | 'pid' | 'startedAt'>, now: Date): Promise<void> {
  await db.run('UPDATE scheduler_heartbeats SET last_seen_at = ?, stopped_at = ? WHERE host = ? AND pid = ? AND started_at = ?', [
    now.toISOString(),
    now.toISOString(),
    who.host,
    who.pid,
    who.startedAt,
  ]);
}

/** The scheduler heard from most recently, if any ever ran against this database. */
export async function latestHeartbeat(db: Db): Promise<Heartbeat | undefined> {
  const row = await db.get<HeartbeatRow>('SELECT * FROM scheduler_heartbeats ORDER BY last_seen_at DESC LIMIT 1');
  return row && toHeartbeat(row);
}

/**
 * Whether the scheduler of this heartbeat is running at `now`: it has not stopped, it was seen within
 * `staleAfterMs`, and, when it ran on this machine, its process still exists (a kill -9 leaves no word).
 */
export function isSchedulerAlive(heartbeat: Heartbeat, now: Date, options: { staleAfterMs: number; host: string }): boolean {
  if (heartbeat.stoppedAt !== null) return false;
  if (now.getTime() - Date.parse(heartbeat.lastSeenAt) > options.staleAfterMs) return false;
  if (heartbeat.host !== options.host) return true;
  return isProcessRunning(heartbeat.pid);
}

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../util/hash.js';
import { outboxKeyString, type OutboxKey } from './outbox.js';

/**
 * The "accepted" journal: one small file per delivery, written synchronously (and fsynced, with its folder)
 * the moment the other side accepted a message (SMTP 250 after DATA, a webhook's 2xx, a file renamed into
 * place), before the outbox row is updated.
 *
 * Why: the outbox records `sending` before each attempt, but a process killed after the server accepted the
 * message and before the row says `sent` would, on restart, send it again. Checking this journal first turns
 * that retry into a recovery (the row is marked sent, nothing is resent). It is a separate file rather than a
 * row in the store so that nothing asynchronous (a queued transaction, a busy database) can come between the
 * server's reply and the record: a marker file is a single synchronous syscall sequence.
 *
 * The marker's existence is what counts: a marker cut short by a crash still means "accepted".
 */
export class AcceptedJournal {
  constructor(readonly dir: string) {}

  private pathFor(key: OutboxKey): string {
    return join(this.dir, `${sha256Hex(outboxKeyString(key)).slice(0, 32)}.json`);
  }

  has(key: OutboxKey): boolean {
    return existsSync(this.pathFor(key));
  }

  /** What was recorded, or undefined when there is no marker or it was cut short. */
  read(key: OutboxKey): { messageId: string; acceptedAt: string; detail: string } | undefined {
    try {
      return JSON.parse(readFileSync(this.pathFor(key), 'utf8')) as { messageId: string; acceptedAt: string; detail: string };
    } catch {
      return undefined;
    }
  }

  record(key: OutboxKey, entry: { messageId: string; acceptedAt: string; detail: string }): void {
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.pathFor(key), 'w');
    try {
      writeSync(fd, JSON.stringify({ key, ...entry }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    syncDirectory(this.dir);
  }

  /** Once the outbox says `sent`, the marker has done its job. */
  forget(key: OutboxKey): void {
    rmSync(this.pathFor(key), { force: true });
  }
}

function syncDirectory(dir: string): void {
  // A new file's directory entry is only durable once the directory itself is synced (not possible on Windows).
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

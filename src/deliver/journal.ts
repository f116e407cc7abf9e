import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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
 * A marker has one of two stages:
 *   in-doubt   written just before the message's final dot goes to the SMTP server: from here on the server may
 *              take the message without this process ever hearing its 250 (killed while waiting for the reply).
 *   accepted   written when the 250 (or 2xx, or rename) arrived; replaces the in-doubt marker.
 * A send that fails inside the process removes its in-doubt marker (the failure is classified and retried as
 * usual); only a process that died leaves one behind. What deliver() makes of each is explained there.
 * Markers are written to a temp file and renamed, so a marker is never cut short.
 */
export type JournalStage = 'in-doubt' | 'accepted';

export interface JournalEntry {
  stage: JournalStage;
  messageId: string;
  /** ISO instant the stage was reached. */
  at: string;
  /** What the other side said (accepted only). */
  detail?: string;
}

export class AcceptedJournal {
  constructor(readonly dir: string) {}

  private pathFor(key: OutboxKey): string {
    return join(this.dir, `${sha256Hex(outboxKeyString(key)).slice(0, 32)}.json`);
  }

  has(key: OutboxKey): boolean {
    return existsSync(this.pathFor(key));
  }

  /** What was recorded, or undefined when there is no marker (or it cannot be read). */
  read(key: OutboxKey): JournalEntry | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.pathFor(key), 'utf8')) as Partial<JournalEntry> & { acceptedAt?: string };
      if (!entry.messageId) return undefined;
      // Markers of earlier versions had no stage: they were only ever written on acceptance.
      return { stage: entry.stage ?? 'accepted', messageId: entry.messageId, at: entry.at ?? entry.acceptedAt ?? '', detail: entry.detail };
    } catch {
      return undefined;
    }
  }

  /** The message is about to be committed by the other side (see the stages above). */
  recordInDoubt(key: OutboxKey, entry: { messageId: string; at: string }): void {
    this.write(key, { stage: 'in-doubt', ...entry });
  }

  /** The other side accepted the message. */
  record(key: OutboxKey, entry: { messageId: string; acceptedAt: string; detail: string }): void {
    this.write(key, { stage: 'accepted', messageId: entry.messageId, at: entry.acceptedAt, detail: entry.detail });
  }

  private write(key: OutboxKey, entry: JournalEntry): void {
    mkdirSync(this.dir, { recursive: true });
    const path = this.pathFor(key);
    const temp = `${path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify({ key, ...entry }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
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

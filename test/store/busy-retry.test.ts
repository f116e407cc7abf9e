import { describe, expect, it } from 'vitest';
import { retryWhileBusy } from '../../src/store/sqlite-store.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('retryWhileBusy', () => {
  it('asks again while SQLite answers SQLITE_BUSY at once, and returns the answer once it comes', () => {
    let calls = 0;
    const answer = retryWhileBusy(() => {
      calls += 1;
      if (calls < 3) throw busy();
      return 'wal';
    }, 10_000);
    expect(answer).toBe('wal');
    expect(calls).toBe(3);
  });

  it('gives up with the busy error once the busy timeout has passed', () => {
    let clock = 0;
    let calls = 0;
    const attempt = () =>
      retryWhileBusy(
        () => {
          calls += 1;
          clock += 100;
          throw busy();
        },
        250,
        () => clock,
      );
    expect(attempt).toThrow(/database is locked/);
    expect(calls).toBe(3);
  });

  it('throws any other error at once', () => {
    let calls = 0;
    const attempt = () =>
      retryWhileBusy(() => {
        calls += 1;
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }, 10_000);
    expect(attempt).toThrow(/disk I\/O error/);
    expect(calls).toBe(1);
  });
});

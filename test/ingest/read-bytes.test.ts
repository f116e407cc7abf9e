import { describe, expect, it } from 'vitest';
import { describeFsError, formatBytes } from '../../src/ingest/read-bytes.js';

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failure`), { code });
}

describe('describeFsError', () => {
  it('names what is wrong for each common file-system error', () => {
    expect(describeFsError(fsError('ENOENT'), 'path')).toBe('path does not exist');
    expect(describeFsError(fsError('EACCES'), 'file')).toBe('unreadable file (permission denied)');
    expect(describeFsError(fsError('EPERM'), 'folder')).toBe('unreadable folder (permission denied)');
    expect(describeFsError(fsError('ELOOP'), 'path')).toBe('symbolic link loop');
    expect(describeFsError(fsError('EIO'), 'file')).toBe('unreadable file (EIO)');
  });
});

describe('formatBytes', () => {
  it('uses bytes, KB and MB with at most one decimal', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(7.25 * 1024 * 1024)).toBe('7.3 MB');
  });
});

import { expect, test } from 'vitest';
import { cappedMemo, objectMemo } from '../../src/util/memo.js';

test('cappedMemo computes a key once, keeps null answers, and starts over past its cap', () => {
  const asked: string[] = [];
  const lengthOrNull = cappedMemo((key: string) => {
    asked.push(key);
    return key === '' ? null : key.length;
  }, 2);
  expect([lengthOrNull('ab'), lengthOrNull('ab'), lengthOrNull(''), lengthOrNull('')]).toEqual([2, 2, null, null]);
  expect(asked).toEqual(['ab', '']);
  lengthOrNull('abc');
  lengthOrNull('abcd'); // past the cap of 2: emptied, then kept
  lengthOrNull('ab');
  expect(asked).toEqual(['ab', '', 'abc', 'abcd', 'ab']);
});

test('objectMemo computes once per object, not per equal object', () => {
  let calls = 0;
  const size = objectMemo((list: readonly number[]) => {
    calls += 1;
    return new Set(list).size;
  });
  const list = [1, 1, 2];
  expect([size(list), size(list)]).toEqual([2, 2]);
  expect(calls).toBe(1);
  expect(size([1, 1, 2])).toBe(2);
  expect(calls).toBe(2);
});

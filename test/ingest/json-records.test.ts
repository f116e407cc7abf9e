import { describe, expect, it } from 'vitest';
import { parseJsonRecords } from '../../src/ingest/json-records.js';

describe('parseJsonRecords', () => {
  it('reads a single object as one record', () => {
    const { records, problems } = parseJsonRecords('{"id": "x", "text": "Body", "author": ["A", "B"]}');
    expect(problems).toEqual([]);
    expect(records).toEqual([{ key: 'x', text: 'Body', meta: { author: 'A, B' }, source: '{"id":"x","text":"Body","author":["A","B"]}' }]);
  });

  it('accepts "body" or "content" for the text', () => {
    const { records } = parseJsonRecords('[{"body": "From body"}, {"content": "From content", "text": "From text"}]');
    expect(records.map((record) => record.text)).toEqual(['From body', 'From text']);
  });

  it('falls back to the position for a repeated id', () => {
    const { records } = parseJsonRecords('[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}, {"id": 3, "text": "z"}]');
    expect(records.map((record) => record.key)).toEqual(['a', '1', '3']);
  });

  it('keeps good lines when others are broken, naming the line', () => {
    const { records, problems } = parseJsonRecords('{"text": "one"}\n[1, 2]\n{"text": ""}\n{bad\n{"html": "<p>x</p>"}');
    expect(records.map((record) => [record.key, record.text ?? record.html])).toEqual([['0', 'one'], ['4', '<p>x</p>']]);
    expect(problems).toEqual([
      { key: '1', reason: 'line 2: not a JSON object' },
      { key: '2', reason: 'line 3: empty text' },
      { key: '3', reason: expect.stringMatching(/^malformed JSON at line 4: /) },
    ]);
  });

  it('reports a file where no line is JSON as one problem', () => {
    expect(parseJsonRecords('title: x\nnot json either\n')).toEqual({
      records: [],
      problems: [{ key: '', reason: expect.stringMatching(/^malformed JSON: no line is valid JSON \(first error at line 1: /) }],
    });
  });

  it('reports a broken array or a lone broken object as one problem for the whole file', () => {
    expect(parseJsonRecords('[{"text": "a"},')).toMatchObject({ records: [], problems: [{ key: '', reason: expect.stringMatching(/^malformed JSON: /) }] });
    expect(parseJsonRecords('{ "title": "half", "text": ')).toMatchObject({ records: [], problems: [{ key: '', reason: expect.stringMatching(/^malformed JSON: /) }] });
  });
});

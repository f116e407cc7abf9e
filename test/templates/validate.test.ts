import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listThemes, templatesDir } from '../../src/render/theme.js';
import { validateTheme } from '../../src/templates/validate.js';
import { sampleBriefing, sampleWithBriefThreads } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

async function theme(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('briefing-validate-');
  const all = { 'theme.json': JSON.stringify({ name: 'probe', extends: 'default' }), ...files };
  for (const [name, content] of Object.entries(all)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

describe('validateTheme', () => {
  test('every built-in theme validates with zero problems, also rendering the sample', async () => {
    const names = await listThemes();
    expect(names).toContain('default');
    for (const name of names) {
      for (const sample of [sampleBriefing, sampleWithBriefThreads]) {
        const result = await validateTheme(name, { sample });
        expect({ name, problems: result.problems }).toEqual({ name, problems: [] });
        expect(result.ok).toBe(true);
      }
    }
  });

  test('inBrief is a field of a thread; the lists fullThreads and briefThreads hand back are checked as threads', async () => {
    const dir = await theme({
      'partials/masthead.hbs': [
        '{{#each threads}}{{#if inBrief}}{{headline}}{{/if}}{{inBreif}}{{/each}}',
        '{{#with (briefThreads threads)}}{{length}}{{#each this}}{{inBrief}} {{headlin}}{{/each}}{{/with}}',
        '{{#each (fullThreads threads)}}{{summary.length}} {{sumary}}{{/each}}',
      ].join('\n'),
    });
    const { problems } = await validateTheme(dir);
    expect(problems.map((p) => [p.line, p.message.match(/^"(\w+)" is not a field of (\S+)/)?.slice(1)])).toEqual([
      [1, ['inBreif', 'threads[]']],
      [2, ['headlin', 'threads[]']],
      [3, ['sumary', 'threads[]']],
    ]);
  });

  test('email.hbs is checked like the layout: an unknown field and a syntax error, each where it is', async () => {
    const fields = await theme({ 'email.hbs': '<h1>{{title}}</h1>\n{{#each threads}}<p>{{headlin}}</p>{{/each}}' });
    const unknown = await validateTheme(fields);
    expect(unknown.ok).toBe(false);
    expect(unknown.problems).toEqual([expect.objectContaining({ file: join(fields, 'email.hbs'), line: 2, kind: 'unknown-field' })]);
    const syntax = await theme({ 'email.hbs': '<h1>{{title}</h1>' });
    expect((await validateTheme(syntax)).problems).toEqual([expect.objectContaining({ file: join(syntax, 'email.hbs'), line: 1, kind: 'syntax' })]);
  });

  test('a syntax error is reported with its file, line and column', async () => {
    const dir = await theme({ 'partials/masthead.hbs': '<header>\n  <h1>{{title}}</h1>\n    {{headline}\n</header>\n' });
    const result = await validateTheme(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: join(dir, 'partials', 'masthead.hbs'), line: 3, column: 15, kind: 'syntax' });
    expect(result.problems[0]!.message).toMatch(/Parse error on line 3/);
  });

  test('a mismatched closing tag names both tags and where the block opened', async () => {
    const dir = await theme({ 'partials/masthead.hbs': 'x\n  {{#each threads}}{{/with}}' });
    const [problem] = (await validateTheme(dir)).problems;
    expect(problem).toMatchObject({ file: join(dir, 'partials', 'masthead.hbs'), line: 2, column: 20, kind: 'syntax' });
    expect(problem!.message).toBe('{{/with}} at line 2, column 20 does not close {{#each}}, opened at line 2, column 3: close it with {{/each}}.');
  });

  test('an unclosed block is reported where it opened, not as parser tokens', async () => {
    const dir = await theme({ 'partials/masthead.hbs': '<header>\n{{#each threads}}\n  {{#if headline}}<h2>{{headline}}</h2>\n{{/each}}\n</header>\n' });
    const [problem, ...rest] = (await validateTheme(dir)).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: join(dir, 'partials', 'masthead.hbs'), line: 4, kind: 'syntax' });
    expect(problem!.message).toMatch(/^\{\{\/each\}\} at line 4, column 1 does not close \{\{#if\}\}, opened at line 3, column 3/);

    const eof = await theme({ 'partials/masthead.hbs': '<header>\n  {{#if title}}<h1>{{title}}</h1>\n</header>\n' });
    const [atEnd] = (await validateTheme(eof)).problems;
    expect(atEnd).toMatchObject({ file: join(eof, 'partials', 'masthead.hbs'), line: 2, column: 3, kind: 'syntax' });
    expect(atEnd!.message).toBe('The {{#if}} opened at line 2, column 3 is never closed: add {{/if}} where the block ends.');
    expect(atEnd!.message).not.toMatch(/Expecting|OPEN_ENDBLOCK|EOF/);
  });

  test('{{{ }}} (and {{& }}) on model text is an error; a helper that escapes inside (markdown) is not', async () => {
    const dir = await theme({
      'partials/masthead.hbs':
        '<h1>{{{title}}}</h1>\n<p>{{&title}}</p>\n{{{markdown @editorNote}}}\n{{#each threads}}{{{truncate headline 40}}}{{/each}}\n' +
        // The theme's own values are not model text; @root is the model.
        '<style>{{{@css.screen}}}</style>{{{@theme.text.footer}}}{{{@root.title}}}',
    });
    const { problems, ok } = await validateTheme(dir);
    expect(ok).toBe(false);
    expect(problems.map((p) => [p.kind, p.line, p.column])).toEqual([
      ['unescaped', 1, 5],
      ['unescaped', 2, 4],
      ['unescaped', 4, 18],
      ['unescaped', 5, 57],
    ]);
    expect(problems[0]!.message).toMatch(/\{\{\{title\}\}\}.*use \{\{title\}\}/);
  });

  test('a misspelled field behind a numeric index fails validation', async () => {
    const dir = await theme({ 'partials/masthead.hbs': '<h1>{{title}}</h1>\n<p>{{threads.0.headlin}}</p>' });
    const { problems } = await validateTheme(dir);
    expect(problems.map((p) => [p.kind, p.line, p.column])).toEqual([['unknown-field', 2, 16]]);
    expect(problems[0]!.message).toMatch(/"headlin" is not a field of threads\[\]/);
  });

  test('an error raised while rendering a partial is located in the partial, not at the layout', async () => {
    const dir = await theme({ 'partials/colophon.hbs': '<footer>\n  <p>{{#if}}x{{/if}}</p>\n</footer>' });
    const { problems } = await validateTheme(dir, { sample: sampleBriefing });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: join(dir, 'partials', 'colophon.hbs'), line: 2, column: 6, kind: 'render' });
    expect(problems[0]!.message).toMatch(/#if requires exactly one argument/);
  });

  test('an unknown partial, an unknown helper and an unknown field are each reported where they are', async () => {
    const dir = await theme({
      'partials/masthead.hbs': [
        '<header>{{> mastead}}',
        '<p>{{formatDat date "long"}} {{plural threads.length "story"}}</p>',
        '{{#each threads as |thread|}}<h2>{{thread.headlne}}</h2>{{/each}}',
        '{{#each threads}}<p>{{rank}} {{summry}} {{../title}} {{@index}} {{@root.tite}}</p>{{/each}}',
        '</header>',
      ].join('\n'),
    });
    const file = join(dir, 'partials', 'masthead.hbs');
    const { problems, ok } = await validateTheme(dir);
    expect(ok).toBe(false);
    expect(problems.map((p) => [p.kind, p.line, p.column])).toEqual([
      ['unknown-partial', 1, 13],
      ['unknown-helper', 2, 6],
      ['unknown-field', 3, 43],
      ['unknown-field', 4, 32],
      ['unknown-field', 4, 73],
    ]);
    expect(problems.every((p) => p.file === file)).toBe(true);
    expect(problems[0]!.message).toMatch(/"mastead"/);
    expect(problems[1]!.message).toMatch(/"formatDat"/);
    expect(problems[2]!.message).toMatch(/"headlne" is not a field of threads\[\]/);
    expect(problems[3]!.message).toMatch(/"summry"/);
    expect(problems[4]!.message).toMatch(/"tite" is not a field of the briefing/);
  });

  test('fields are not reported where the context is not known for sure', async () => {
    const dir = await theme({
      'partials/masthead.hbs': [
        '{{#each (sources (first threads))}}{{whatever}}{{/each}}',
        '{{#each threads}}{{> extra anything=this}}{{/each}}',
        '{{#with (first threads)}}{{headline}}{{/with}}',
        '{{#*inline "local"}}{{nothing.here}}{{/inline}}{{> local}}',
        '{{#> missing}}fallback{{/missing}}',
      ].join('\n'),
      'partials/extra.hbs': '{{anything.headline}} {{headline}} {{nope}}',
    });
    const { problems } = await validateTheme(dir);
    // Inside the partial the context is a thread extended with the hash: "nope" surely is not there.
    expect(problems.map((p) => [p.kind, p.file.endsWith('extra.hbs'), p.message])).toEqual([
      ['unknown-field', true, expect.stringMatching(/"nope" is not a field of threads\[\]/)],
    ]);
  });

  test('the context flows from the layout through nested partials, each, with, if and ../', async () => {
    const dir = await theme({
      // figures is reached through layout -> each threads -> thread -> figures: its context is a thread.
      'partials/figures.hbs': [
        '{{#each figures}}{{#if label}}{{lable}} {{../headline}} {{../../title}} {{../hedline}}{{/if}}{{/each}}',
        '{{#with (first events)}}{{dateCertain}} {{dateCertian}}{{/with}}',
        '{{#each conflicts}}{{#each values}}{{surface}} {{../about}} {{../../id}} {{../../nid}}{{/each}}{{/each}}',
      ].join('\n'),
    });
    const { problems } = await validateTheme(dir);
    expect(problems.map((p) => p.message.match(/^"(\w+)" is not a field of (\S+)/)?.slice(1))).toEqual([
      ['lable', 'threads[].figures[]'],
      ['hedline', 'threads[]'],
      ['dateCertian', 'threads[].events[]'],
      ['nid', 'threads[]'],
    ]);
    expect(problems.map((p) => [p.line, p.column])).toEqual([[1, 33], [1, 78], [2, 43], [3, 82]]);
  });

  test('without block params, a name that is no field of the item is reported as such', async () => {
    const dir = await theme({ 'partials/masthead.hbs': '{{#each threads}}{{thread.headline}}{{/each}}' });
    const { problems } = await validateTheme(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'unknown-field', line: 1, column: 20 });
    expect(problems[0]!.message).toMatch(/"thread" is not a field of threads\[\] \(in "thread\.headline"\)/);
  });

  test('a theme.json that is not JSON is reported with its position', async () => {
    const dir = await theme({ 'theme.json': '{\n  "name": "x",\n  "extends": default\n}' });
    const { problems } = await validateTheme(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: join(dir, "theme.json"), kind: "syntax" });
    expect(problems[0]!.message).toMatch(/not valid JSON/);
  });
});

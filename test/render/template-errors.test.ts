import { describe, expect, test } from 'vitest';
import { handlebars } from '../../src/render/handlebars.js';
import { blockFault, describeParseError } from '../../src/render/template-errors.js';

describe('blockFault', () => {
  test('balanced blocks (else chains, inverse sections, partial blocks, inline partials) have no fault', () => {
    const source = [
      '{{#each threads as |t|}}{{#if t.headline}}a{{else if t.id}}b{{else}}c{{/if}}{{/each}}',
      '{{^threads}}none{{/threads}}{{#> masthead}}fallback{{/masthead}}',
      '{{#*inline "x"}}{{title}}{{/inline}}{{#with (first threads)}}{{headline}}{{/with}}',
    ].join('\n');
    expect(blockFault(source)).toBeNull();
  });

  test('blocks inside comments and raw blocks do not count', () => {
    expect(blockFault('{{!-- {{#if a}} --}}{{! {{#each b}} }}{{{{raw}}}} {{#with c}} {{{{/raw}}}}')).toBeNull();
  });

  test('a closing tag with nothing open says so, with its position', () => {
    expect(blockFault('<p>\n  x {{/if}}</p>')).toEqual({
      line: 2,
      column: 5,
      message: '{{/if}} at line 2, column 5 closes no block: remove it, or open the block with {{#if ...}} before it.',
    });
  });

  test('the innermost unclosed block is the one named, with the sigil the author typed', () => {
    expect(blockFault('{{#each threads}}\n{{^figures}}\n')?.message).toBe('The {{^figures}} opened at line 2, column 1 is never closed: add {{/figures}} where the block ends.');
    expect(blockFault('{{#> masthead}}\n')?.message).toMatch(/^The \{\{#> masthead\}\} opened at line 1, column 1/);
    expect(blockFault('{{~#if a}}x')?.message).toMatch(/^The \{\{#if\}\} opened/);
  });
});

describe('describeParseError', () => {
  test('an error that is no block fault is placed at the offending token, not at the end of the file', () => {
    const source = 'line1\n{{foo bar=}}\nline3\nline4\n{{#if x}}y{{/if}} and more text';
    let problem: ReturnType<typeof describeParseError> | undefined;
    try {
      handlebars().parse(source);
    } catch (error) {
      problem = describeParseError(source, error);
    }
    expect(problem).toMatchObject({ line: 2 });
    expect(problem!.message).toMatch(/Parse error on line 2/);
  });
});

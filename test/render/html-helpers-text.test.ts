import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import { HELPERS, registerHelpers, truncate } from '../../src/render/helpers.js';
import { HOSTILE, hostileBriefing, sampleBriefing } from '../fixtures/sample-briefing.js';

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  registerHelpers(hb);
  return hb;
}

describe('truncate', () => {
  test.each([
    ['Short text', 20, 'Short text'],
    ['Russia launched 741 drones and missiles at Ukraine overnight', 30, 'Russia launched 741 drones…'],
    ['Russia launched 741 drones and missiles', 8, 'Russia…'],
    ['Eurozonelendersexpectloanlosses', 10, 'Eurozonel…'],
    ['  padded  ', 6, 'padded'],
    ['Kyiv, Kharkiv, Odesa', 14, 'Kyiv, Kharkiv…'],
    ['anything', 0, ''],
  ])('%j at %d -> %j', (text, max, expected) => {
    const out = truncate(text, max);
    expect(out).toBe(expected);
    expect([...out].length).toBeLessThanOrEqual(Math.max(0, max));
  });

  test('counts code points, not UTF-16 units, so it never leaves half a surrogate pair', () => {
    expect(truncate('😀😀😀 smiles', 3)).toBe('😀😀…');
  });
});

describe('every helper keeps article text escaped', () => {
  const thread = hostileBriefing.threads[0]!;
  const figure = thread.figures[0]!;
  const cases: Array<[string, string]> = [
    ['truncate', '{{truncate headline 500}}'],
    ['join', '{{join outlets " / "}}'],
    ['outlet', '{{outlet articleIds.[0]}}'],
    ['article', '{{#with (article articleIds.[0])}}{{title}} {{author}}{{/with}}'],
    ['sources', '{{#each (sources this)}}{{article.title}}{{/each}}'],
    ['first', '{{#with (first summary)}}{{text}}{{/with}}'],
    ['take', '{{#each (take quotes 1)}}{{text}} {{speaker}}{{/each}}'],
    ['figure', `{{figure ${figure.value} "EUR${HOSTILE.script.replace(/"/g, "'")}"}}`],
    ['plural', `{{plural 2 "${HOSTILE.img.replace(/"/g, "'")}"}}`],
    ['formatDate', `{{formatDate "${HOSTILE.script.replace(/"/g, "'")}"}}`],
    ['httpUrl', `{{httpUrl "https://ok.example/?q=<script>"}}`],
  ];

  test.each(cases)('%s', (_name, source) => {
    const out = engine().compile(source)({ ...hostileBriefing, ...thread }, { data: { root: hostileBriefing } });
    expect(out.length).toBeGreaterThan(0);
    expect(out).not.toMatch(/<(script|img|b|link|style)\b/i);
  });

  test('markdown, the one helper returning HTML, escapes raw HTML and drops unsafe links', () => {
    const out = engine().compile('{{markdown text}}')({ text: HOSTILE.markdown + HOSTILE.script });
    expect(out).not.toMatch(/<(script|img|b)\b/i);
    expect(out).not.toContain('javascript:');
  });
});

describe('the helper table', () => {
  test('documents exactly the helpers a theme gets', () => {
    const builtIn = Object.keys(Handlebars.create().helpers);
    const registered = Object.keys(engine().helpers).filter((h) => !builtIn.includes(h));
    expect(HELPERS.map((h) => h.name).sort()).toEqual(registered.sort());
    for (const h of HELPERS) {
      expect(h.usage, h.name).toContain(h.name);
      expect(h.description.length, h.name).toBeGreaterThan(10);
    }
  });

  test('formatDate: style= wins over the branding date format, which wins over the template style', () => {
    const hb = engine();
    const data = { root: sampleBriefing, dateFormat: 'short' };
    expect(hb.compile('{{formatDate date "long"}}')(sampleBriefing, { data })).toBe('10 Jul');
    expect(hb.compile('{{formatDate date "long" style="medium"}}')(sampleBriefing, { data })).toBe('10 Jul 2025');
    expect(hb.compile('{{formatDate date "long"}}')(sampleBriefing, { data: { root: sampleBriefing } })).toBe('Thursday, 10 July 2025');
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanDocuments, cleanHandedOver } from '../../src/clean/index.js';
import type { CleanArticle } from '../../src/clean/types.js';
import type { RawDocument } from '../../src/ingest/types.js';
import { endsLikeSentence, normalizeLine, wordCount } from '../../src/clean/text.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

function loadSeeds(): RawDocument[] {
  return readdirSync(SEEDS)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ path: `seeds/${name}`, format: 'txt', text: readFileSync(`${SEEDS}${name}`, 'utf8'), meta: {}, encoding: 'utf-8', digest: name }));
}

const docs = loadSeeds();
const articles = cleanDocuments(docs);
const byPrefix = (prefix: string): CleanArticle => articles.find((a) => a.id.startsWith(prefix))!;
const body = (prefix: string): string => byPrefix(prefix).paragraphs.join('\n');

/** Junk lines of the seeds that read like sentences; everything else sentence-like is the story's own text. */
const SENTENCE_LIKE_JUNK = [
  'Get all your news in one place.',
  '’s of premium titles.',
  'curated specifically for you.',
  "Error! We're sorry, but the page you were looking for doesn't exist.",
  'Firefighters work at the site of an apartment building',
  'MENAFN provides the information',
  '100+ trusted global sources.',
];

describe('cleaning the seed articles', () => {
  it('gives one article per document, same order, ids from the file stems', () => {
    expect(articles.map((a) => a.id)).toEqual(docs.map((d) => d.path.replace(/^seeds\//, '').replace(/\.txt$/, '')));
    expect(articles.map((a) => a.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('loses none of the stories’ sentences', () => {
    for (const [i, raw] of docs.entries()) {
      const paragraphs = articles[i]!.paragraphs;
      const storyLines = raw.text
        .split('\n')
        .map(normalizeLine)
        .filter((line) => wordCount(line) >= 5 && endsLikeSentence(line.replace(/\s+— \w+$/, '')))
        .filter((line) => !SENTENCE_LIKE_JUNK.some((junk) => line.includes(junk)));
      expect(storyLines.length).toBeGreaterThan(5);
      for (const line of storyLines) {
        // The paragraph may have lost a leading credit or dateline ("(MENAFN) ", "WASHINGTON: ") or a closing "— AFP".
        const kept = paragraphs.some((p) => line.includes(p) && p.length >= line.length - 20);
        expect(kept, `${raw.path}: ${line.slice(0, 60)}`).toBe(true);
      }
    }
  });

  it('removes the junk around the stories', () => {
    const junk: [string, string[]][] = [
      ['000', ['KUALA LUMPUR', 'meetings,', 'Fresh sanctions call', 'Coalition call']],
      ['001', ['date 2025-07-10', 'World Russia Society', 'Handshake', 'Photo: commons.wikimedia.org', 'New Proposals Emerge in Russia–US Talks on Ukraine']],
      ['002', ['Get all your news', 'Start reading', 'The Independent UK', 'Bryony Gooch', 'Sign up to read this article', 'Already a member', 'Related Stories', 'Our Picks', 'Download the app', '(AFP/Getty)']],
      ['003', ['1447 H', 'broken clouds', '19°C', 'EDITOR IN CHIEF', 'OMAN', 'Reuters', 'minus', 'SHARE ARTICLE', 'arrow up', 'home icon', '— AFP']],
      ['004', ['403', 'Sorry!!', "doesn't exist", 'Legal Disclaimer', 'without warranty', 'Most popular stories', 'Bet20', 'CommentsNo comment', '(MENAFN)']],
    ];
    for (const [prefix, pieces] of junk) {
      for (const piece of pieces) expect(body(prefix), `${prefix}: ${piece}`).not.toContain(piece);
    }
  });

  it('keeps 004’s body once although the page repeats it', () => {
    const text = body('004');
    const sentence = 'They also addressed a series of recent Ukrainian assaults on Russian territory';
    expect(text.split(sentence)).toHaveLength(2);
    expect(byPrefix('004').removed.filter((r) => r.rule === 'repeat').length).toBeGreaterThanOrEqual(9);
    expect(byPrefix('004').removed.filter((r) => r.rule === 'error-banner').map((r) => r.text)).toEqual([
      '403',
      'Sorry!!',
      "Error! We're sorry, but the page you were looking for doesn't exist.",
    ]);
  });

  it('finds titles', () => {
    expect(byPrefix('000').title).toBe("Rubio says Russia's Lavrov shared 'new idea' on Ukraine");
    expect(byPrefix('001').title).toBe('New Proposals Emerge in Russia–US Talks on Ukraine');
    expect(byPrefix('003').title).toBe("Russia, US diplomats discuss 'next steps' on Ukraine");
    expect(byPrefix('004').title).toBe('Lavrov, Rubio Discuss Ukraine Conflict');
  });

  it('finds outlets from credit lines and mastheads, not from captions or mentions', () => {
    // 000 only mentions "AFP reporters saw ...": a mention is not a credit, so no outlet is claimed.
    expect([byPrefix('000').outlet, byPrefix('000').outletSource]).toEqual([null, null]);
    expect([byPrefix('002').outlet, byPrefix('002').outletSource]).toEqual(['The Independent', 'masthead']);
    expect([byPrefix('003').outlet, byPrefix('003').outletSource]).toEqual(['AFP', 'credit-line']);
    expect([byPrefix('004').outlet, byPrefix('004').outletSource]).toEqual(['MENAFN', 'credit-line']);
    expect(byPrefix('002').author).toBe('Bryony Gooch');
  });

  it('reads page dates and distrusts a page date far after the story', () => {
    expect(byPrefix('001').published).toMatchObject({ date: '2025-07-10', source: 'page', certain: true });
    expect(byPrefix('004').published).toMatchObject({ date: '2025-06-02', source: 'page', certain: true });
    const stale = byPrefix('003').published;
    expect(stale).toMatchObject({ date: '2025-03-16', source: 'inferred', certain: false });
    expect(stale.note).toContain('2025-12-07');
    expect(byPrefix('003').pageDate).toBe('2025-12-07');
  });

  it('is deterministic', () => {
    expect(cleanDocuments(loadSeeds())).toEqual(articles);
  });
});

describe('cleaning a handed-over list of documents', () => {
  it('clears each entry once its document is cleaned and gives what cleanDocuments gives, leaving its input alone', () => {
    const handedOver: (RawDocument | undefined)[] = [...docs, { ...docs[0]!, path: 'seeds/copy-of-000.txt', digest: 'copy' }];
    const expected = cleanDocuments(handedOver as RawDocument[]);
    expect(handedOver.every((doc) => doc !== undefined)).toBe(true);
    expect(expected.at(-1)!.status).toBe('duplicate');
    expect(cleanHandedOver(handedOver)).toEqual(expected);
    expect(handedOver.every((doc) => doc === undefined)).toBe(true);
  });
});

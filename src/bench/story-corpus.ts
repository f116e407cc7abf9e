import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SIMILARITY_STOPWORDS } from '../text/stopwords.js';
import { paragraphs, readJsonl } from './corpus.js';
import { seededRandom } from '../util/seeded-random.js';
import { FNV_OFFSET, FNV_PRIME } from '../util/hash.js';

/**
 * Distinct, realistic articles at any N for the scale benchmark: real news stories (the source documents of one
 * Multi-News story, or of one ECB+ event) retold as many different stories. Each generated story takes a real
 * story and consistently swaps its names, numbers and most of its content words for others of about the same
 * frequency, so it reads like news, keeps the corpus's word statistics (rare words stay rare) and shares with
 * other stories only what unrelated stories share; its articles are sentences recombined across the real
 * story's documents, so they are reports of one happening without being copies of each other, published over a
 * few days. Deterministic from the seed; the real texts are read at bench time and never stored.
 */

/** One real story: its documents, each a list of paragraphs. */
export type RealStory = string[][];

export interface StoryCorpusOptions {
  /** Makes a different, equally realistic corpus; the same seed gives the same texts. */
  seed?: number;
  /** The briefing day; articles are published on it and the six days before. */
  date?: string;
  /** Fraction of a story's content words kept as in the real story (the rest are swapped). */
  keptWords?: number;
}

export interface GeneratedArticle {
  title: string;
  published: string;
  source: string;
  paragraphs: string[];
}

const DEFAULTS = { seed: 1, date: '2025-07-11', keptWords: 0.15 };
/** Reports per story: 1 to this many, most stories small (a day's feeds: many stories, few reports each). */
const MAX_REPORTS = 12;
const OUTLETS = 60;
const DAYS = 7;

/** 32-bit FNV-1a of the parts, for choices that must follow from the seed and nothing else. */
function hash(...parts: (string | number)[]): number {
  let h = FNV_OFFSET;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    h ^= 0x1f;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Months and weekdays are dates, not names: they stay so the texts keep their dates. */
const CALENDAR_WORDS = new Set(
  'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' '),
);

const TOKEN = /[A-Za-z][a-z]+(?:'[a-z]+)?|[0-9][0-9,.]*[0-9]|[0-9]/g;

/** Words of a kind ranked by frequency, so a swap can pick a word about as common as the one it replaces. */
class RankedWords {
  readonly words: string[];
  private readonly rank = new Map<string, number>();

  constructor(counts: Map<string, number>) {
    this.words = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
    this.words.forEach((word, i) => this.rank.set(word, i));
  }

  /** A word of about the same frequency rank as `word`, chosen by `h`. */
  near(word: string, h: number): string | undefined {
    const r = this.rank.get(word);
    if (r === undefined) return undefined;
    const window = Math.max(20, Math.round(r * 0.25));
    const low = Math.max(0, r - window);
    const high = Math.min(this.words.length - 1, r + window);
    return this.words[low + (h % (high - low + 1))];
  }
}

/**
 * Story and report of each of the first `count` articles of a corpus of seed `seed`, in order: story by story, each
 * story's reports in a row. Follows from the seed alone (no real story needed), so the story each article retells,
 * the gold a grouping is scored against, is known wherever the corpus's seed and size are.
 */
export function* storyReports(seed: number, count: number): Generator<[story: number, report: number]> {
  let made = 0;
  for (let story = 0; made < count; story++) {
    const reports = 1 + Math.floor(MAX_REPORTS * seededRandom(hash(seed, 'size', story))() ** 2.5);
    for (let report = 0; report < reports && made < count; report++, made++) yield [story, report];
  }
}

/** The story each of the first `count` articles of a corpus of seed `seed` retells: entry i for article i. */
export function storiesOfArticles(seed: number, count: number): number[] {
  return Array.from(storyReports(seed, count), ([story]) => story);
}

/** The vocabularies the swaps draw from: names (capitalized words) and content words, ranked by frequency. */
export class StoryCorpus {
  private readonly names: RankedWords;
  private readonly content: RankedWords;
  private readonly settings: Required<StoryCorpusOptions>;

  constructor(
    private readonly stories: readonly RealStory[],
    options: StoryCorpusOptions = {},
  ) {
    if (stories.length === 0) throw new Error('no real story to build the corpus from');
    this.settings = { ...DEFAULTS, ...options };
    const names = new Map<string, number>();
    const content = new Map<string, number>();
    for (const story of stories) {
      for (const document of story) {
        for (const paragraph of document) {
          for (const [token] of paragraph.matchAll(TOKEN)) {
            if (/^[A-Z]/.test(token)) names.set(token, (names.get(token) ?? 0) + 1);
            else if (/^[a-z]/.test(token) && token.length > 3 && !SIMILARITY_STOPWORDS.has(token)) content.set(token, (content.get(token) ?? 0) + 1);
          }
        }
      }
    }
    this.names = new RankedWords(names);
    this.content = new RankedWords(content);
  }

  /** Article `index` of a corpus of any size: story by story, each story's reports in a row. */
  *articles(count: number): Generator<GeneratedArticle> {
    for (const [story, report] of storyReports(this.settings.seed, count)) yield this.article(story, report);
  }

  /** Report `report` of generated story `story`. */
  article(story: number, report: number): GeneratedArticle {
    const { seed } = this.settings;
    const real = this.stories[story % this.stories.length]!;
    const pick = seededRandom(hash(seed, 'article', story, report));
    const swap = (text: string) => this.retell(text, story);
    const base = real[report % real.length]!;
    const others = real.flatMap((document, d) => (d === report % real.length ? [] : document));
    const [lead = '', ...rest] = base;
    const body: string[] = [swap(lead)];
    for (const paragraph of rest) {
      // Most of the document's paragraphs, sometimes one from another report of the story in between.
      if (pick() < 0.75) body.push(swap(paragraph));
      if (others.length > 0 && pick() < 0.2) body.push(swap(others[Math.floor(pick() * others.length)]!));
    }
    const words = body[0]!.split(/\s+/);
    const title = words.slice(0, Math.min(words.length, 8 + Math.floor(pick() * 6))).join(' ').replace(/[,.;:]+$/, '');
    const storyDay = hash(seed, 'day', story) % DAYS;
    const day = Math.max(0, storyDay - Math.floor(pick() * 3));
    return { title, published: shiftDate(this.settings.date, -day), source: `outlet-${hash(seed, 'outlet', story, report) % OUTLETS}`, paragraphs: body };
  }

  /** The text told as story `story`: names, numbers and most content words swapped, consistently within the story. */
  private retell(text: string, story: number): string {
    const { seed, keptWords } = this.settings;
    return text.replace(TOKEN, (token) => {
      const h = hash(seed, story, token);
      if (/^[0-9]/.test(token)) {
        // Years stay (they date the story); other numbers keep their length and first digit.
        if (/^(19|20)[0-9]{2}$/.test(token)) return token;
        return token.replace(/(?<=^[0-9][0-9,.]*)[0-9]/g, (_d, offset: number) => String(hash(h, offset) % 10));
      }
      if (/^[A-Z]/.test(token)) {
        // Sentence-opening common words ("The", "But") are not names: keep those the content list also holds.
        const lower = token.toLowerCase();
        if (CALENDAR_WORDS.has(token) || SIMILARITY_STOPWORDS.has(lower) || this.content.near(lower, 0) !== undefined) return token;
        return this.names.near(token, h) ?? token;
      }
      if ((h % 1000) / 1000 < keptWords) return token;
      return this.content.near(token, h) ?? token;
    });
  }
}

function shiftDate(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Real stories from the evaluation data: each Multi-News record's documents, each ECB+ event's articles. */
export function realStories(multiNews: unknown[], ecbPlus: unknown[]): RealStory[] {
  const stories: RealStory[] = [];
  for (const record of multiNews) {
    const documents = (record as { documents?: unknown }).documents;
    if (!Array.isArray(documents)) continue;
    const story = documents.filter((d): d is string => typeof d === 'string').map(paragraphs).filter((p) => p.join(' ').length > 200);
    if (story.length > 0) stories.push(story);
  }
  const events = new Map<string, string[][]>();
  for (const record of ecbPlus) {
    const { text, event } = record as { text?: unknown; event?: unknown };
    if (typeof text !== 'string' || typeof event !== 'string') continue;
    // ECB+ is tokenized ("word ," and one sentence a line): joined back into prose paragraphs.
    const prose = paragraphs(text).map((line) => line.replace(/ ([.,;:!?%)]|'s|n't)/g, '$1').replace(/([($]) /g, '$1').replace(/``|''/g, '"'));
    const lead = prose.slice(0, 2).join(' ');
    const document = [lead, ...prose.slice(2)].filter((p) => p.length > 0);
    if (document.join(' ').length > 200) events.set(event, [...(events.get(event) ?? []), document]);
  }
  for (const event of [...events.keys()].sort()) stories.push(events.get(event)!);
  return stories;
}

/** The real stories under `evalRoot` (Multi-News and ECB+), none when the data is absent. */
export async function loadRealStories(evalRoot: string): Promise<RealStory[]> {
  const multiNews = (await readJsonl(join(evalRoot, 'summarization', 'multinews.jsonl'))) ?? [];
  const ecbPlus = (await readJsonl(join(evalRoot, 'clustering', 'ecbplus.jsonl'))) ?? [];
  return realStories(multiNews, ecbPlus);
}

const ARTICLE_FILE = /(?:^|[\\/])article-([0-9]+)\.md$/;

/** The index of the generated article written at `path` (as writeStoryCorpus names its files), or undefined. */
export function articleIndexOfPath(path: string): number | undefined {
  const match = ARTICLE_FILE.exec(path);
  return match ? Number(match[1]) : undefined;
}

/**
 * Writes `count` generated articles as Markdown files with front matter (title, date, outlet) into `dir`, article i
 * as article-<i>.md (zero-padded to one width).
 */
export async function writeStoryCorpus(dir: string, corpus: StoryCorpus, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const width = String(Math.max(count - 1, 0)).length;
  const paths: string[] = [];
  let i = 0;
  for (const article of corpus.articles(count)) {
    const path = join(dir, `article-${String(i).padStart(width, '0')}.md`);
    const front = `---\ntitle: ${JSON.stringify(article.title)}\npublished: ${article.published}\nsource: ${article.source}\n---\n\n`;
    await writeFile(path, `${front}${article.paragraphs.join('\n\n')}\n`);
    paths.push(path);
    i++;
  }
  return paths;
}

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A corpus of N realistic articles for the scale benchmark, made at run time and never committed: real news
 * text from the shared evaluation data when it is there, else articles recombined from the seeds.
 */

export interface SourceTexts {
  texts: string[];
  /** Where the texts came from, for the report. */
  origin: string;
}

/** Splits a text into paragraphs: blank-line separated when it has any, else one paragraph per line. */
export function paragraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trim());
  const joined = lines.join('\n');
  const blocks = /\n\s*\n/.test(joined) ? joined.split(/\n\s*\n/) : lines;
  return blocks.map((block) => block.replace(/\s*\n\s*/g, ' ').trim()).filter((block) => block.length > 0);
}

function distinct(texts: string[]): string[] {
  return [...new Set(texts.map((text) => paragraphs(text).join('\n\n')).filter((text) => text.length > 0))];
}

/**
 * How copies past the first pass are made. `copies`: the source with its paragraphs after the headline rotated
 * and a closing line naming the copy, a wire re-run of the story (grouping counts it as a near-duplicate).
 * `mixed`: the headline, half of the source's paragraphs and paragraphs of another source, a new article as far
 * as near-duplicate detection goes, so grouping faces N distinct texts rather than the sources' count.
 */
export type CopyMode = 'copies' | 'mixed';

/**
 * N distinct article texts, cycling through the sources. The closing line alone makes a copy distinct; the
 * rotation keeps cleaning (which marks an exact repeat of an earlier body as a duplicate and drops boilerplate
 * lines) from collapsing copies back into one, so every copy goes through every stage.
 */
export function corpusTexts(sources: string[], n: number, mode: CopyMode = 'copies'): string[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`corpus size must be a whole number, got ${n}`);
  const base = distinct(sources);
  if (n > 0 && base.length === 0) throw new Error('no source text to build the corpus from');
  const split = base.map(paragraphs);
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const index = i % base.length;
    const copy = Math.floor(i / base.length);
    if (copy === 0) {
      out.push(base[index]!);
      continue;
    }
    const [head = '', ...body] = split[index]!;
    const closing = `This report was filed again, as copy ${copy + 1} of the story.`;
    if (mode === 'mixed') {
      // A large prime stride pairs each source with a different partner on every pass.
      const [, ...other] = split[(index + copy * 7919) % base.length]!;
      const kept = body.filter((_, p) => (p + copy) % 2 === 0);
      const mixed: string[] = [head];
      for (let p = 0; p < Math.max(kept.length, other.length); p += 1) {
        if (p < kept.length) mixed.push(kept[p]!);
        if (p < other.length) mixed.push(other[p]!);
      }
      out.push([...mixed, closing].join('\n\n'));
      continue;
    }
    const shift = body.length ? copy % body.length : 0;
    out.push([head, ...body.slice(shift), ...body.slice(0, shift), closing].join('\n\n'));
  }
  return out;
}

/**
 * Articles recombined from the seeds, for when the evaluation data is absent: article i keeps the headline of
 * seed i and interleaves its paragraphs with those of a second seed chosen by i, so the set is larger than the
 * seeds and still reads as news.
 */
export function synthesizeFromSeeds(seedTexts: string[], count: number): string[] {
  const seeds = distinct(seedTexts).map(paragraphs);
  if (seeds.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const first = seeds[i % seeds.length]!;
    const second = seeds[(i + 1 + Math.floor(i / seeds.length)) % seeds.length]!;
    const [head = '', ...body] = first;
    const mixed: string[] = [head];
    const other = second.slice(1);
    for (let p = 0; p < Math.max(body.length, other.length); p += 1) {
      if (p < body.length) mixed.push(body[p]!);
      // A second seed's paragraph every other step, starting at a place that depends on i.
      if (other.length && p % 2 === 1) mixed.push(other[(p + i) % other.length]!);
    }
    out.push(mixed.join('\n\n'));
  }
  return out;
}

export async function readJsonl(path: string): Promise<unknown[] | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  return text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as unknown);
}

/** The Multi-News documents and the ECB+ texts under `evalRoot`, when present. */
export async function loadEvalTexts(evalRoot: string): Promise<string[]> {
  const texts: string[] = [];
  for (const record of (await readJsonl(join(evalRoot, 'summarization', 'multinews.jsonl'))) ?? []) {
    const documents = (record as { documents?: unknown }).documents;
    if (Array.isArray(documents)) texts.push(...documents.filter((d): d is string => typeof d === 'string'));
  }
  for (const record of (await readJsonl(join(evalRoot, 'clustering', 'ecbplus.jsonl'))) ?? []) {
    const text = (record as { text?: unknown }).text;
    if (typeof text === 'string') texts.push(text);
  }
  return texts;
}

/** The seed articles' texts (.txt and .md), in file-name order. */
export async function readSeeds(seedsDir: string): Promise<string[]> {
  const names = (await readdir(seedsDir)).filter((name) => /\.(txt|md)$/.test(name)).sort();
  return Promise.all(names.map((name) => readFile(join(seedsDir, name), 'utf8')));
}

/** Real news text when the evaluation data is there, else enough recombined seed articles. */
export async function loadSourceTexts(options: { evalRoot: string; seedsDir: string; synthesize?: number }): Promise<SourceTexts> {
  const evalTexts = await loadEvalTexts(options.evalRoot);
  if (evalTexts.length > 0) return { texts: evalTexts, origin: `${distinct(evalTexts).length} Multi-News and ECB+ texts from ${options.evalRoot}` };
  const seeds = await readSeeds(options.seedsDir);
  const texts = synthesizeFromSeeds(seeds, options.synthesize ?? 200);
  return { texts, origin: `${distinct(texts).length} articles recombined from ${seeds.length} seeds in ${options.seedsDir}` };
}

/** Writes N distinct articles as .txt files into `dir` (created if needed); returns their paths. */
export async function writeCorpus(dir: string, sources: string[], n: number, mode: CopyMode = 'copies'): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const width = String(Math.max(n - 1, 0)).length;
  const paths: string[] = [];
  const texts = corpusTexts(sources, n, mode);
  for (let i = 0; i < texts.length; i += 1) {
    const path = join(dir, `article-${String(i).padStart(width, '0')}.txt`);
    await writeFile(path, `${texts[i]}\n`);
    paths.push(path);
  }
  return paths;
}

import type { AnalyzedArticle, EntityType } from '../analyze/types.js';
import { contentTokens, normalizeToken, scanRawTokens, TokenSpans } from './tokens.js';
import { grown } from '../util/typed-arrays.js';

/** Raw term counts of one article plus how much each term's weight is multiplied by. */
export interface TermBag {
  counts: Map<string, number>;
  boosts: Map<string, number>;
}

/** A term bag over interned term ids, in typed arrays: distinct ids, their counts and (when any) their boosts. */
export interface IdBag {
  ids: Int32Array;
  counts: Float64Array;
  boosts: Float64Array | null;
}

/** One number per distinct term, shared by every view of a grouping run, so bags hold numbers, not strings. */
export class TermInterner {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  /**
   * Each raw token read so far and its content word's id (-1 when it has none), so a word is folded once a run: an
   * open-addressing table on the token's hash, whose keys' units sit end to end in one array (compared unit by unit
   * with the text there, in memory the table keeps close, not in strings spread over the heap), so a token seen
   * before costs no string.
   */
  private rawBits = 12;
  private rawHashes = new Int32Array(1 << this.rawBits);
  /** Where the slot's key starts in `rawUnits`, and its length (0: an empty slot; a token is never empty). */
  private rawStarts = new Int32Array(1 << this.rawBits);
  private rawLengths = new Int32Array(1 << this.rawBits);
  private rawIds = new Int32Array(1 << this.rawBits);
  private rawUnits = new Uint16Array(1 << 16);
  private rawUnitsUsed = 0;
  private rawCount = 0;
  private readonly spans = new TokenSpans();

  /** Each entity key's term id, so a mention costs one lookup of its own key, not a prefixed string made and hashed. */
  private readonly entityIds = new Map<string, number>();

  /** The id of the entity term of `key` (its key behind ENTITY_PREFIX). */
  entityId(key: string): number {
    let id = this.entityIds.get(key);
    if (id === undefined) {
      id = this.id(ENTITY_PREFIX + key);
      this.entityIds.set(key, id);
    }
    return id;
  }

  /** The ids of `contentTokens(text)`, in order. */
  contentIds(text: string): number[] {
    const lower = text.toLowerCase();
    const count = scanRawTokens(lower, this.spans);
    const ids: number[] = [];
    for (let k = 0; k < count; k++) {
      const id = this.rawId(lower, this.spans.starts[k]!, this.spans.ends[k]!, this.spans.hashes[k]!);
      if (id >= 0) ids.push(id);
    }
    return ids;
  }

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  private rawId(text: string, start: number, end: number, hash: number): number {
    const mask = this.rawLengths.length - 1;
    const length = end - start;
    let slot = slotOf(hash, this.rawBits);
    for (let keyLength = this.rawLengths[slot]!; keyLength !== 0; keyLength = this.rawLengths[slot]!) {
      if (this.rawHashes[slot] === hash && keyLength === length && this.sameUnits(this.rawStarts[slot]!, text, start, length)) {
        return this.rawIds[slot]!;
      }
      slot = (slot + 1) & mask;
    }
    const token = normalizeToken(text.slice(start, end));
    const id = token === null ? -1 : this.id(token);
    if (this.rawUnitsUsed + length > this.rawUnits.length) {
      this.rawUnits = grown(this.rawUnits, Math.max(2 * this.rawUnits.length, this.rawUnitsUsed + length));
    }
    for (let k = 0; k < length; k++) this.rawUnits[this.rawUnitsUsed + k] = text.charCodeAt(start + k);
    this.rawStarts[slot] = this.rawUnitsUsed;
    this.rawUnitsUsed += length;
    this.rawLengths[slot] = length;
    this.rawHashes[slot] = hash;
    this.rawIds[slot] = id;
    if (2 * ++this.rawCount > this.rawLengths.length) this.growRaw();
    return id;
  }

  private sameUnits(keyStart: number, text: string, start: number, length: number): boolean {
    const units = this.rawUnits;
    for (let k = 0; k < length; k++) if (units[keyStart + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }

  private growRaw(): void {
    const [hashes, starts, lengths, ids] = [this.rawHashes, this.rawStarts, this.rawLengths, this.rawIds];
    this.rawBits += 1;
    const size = lengths.length * 2;
    this.rawHashes = new Int32Array(size);
    this.rawStarts = new Int32Array(size);
    this.rawLengths = new Int32Array(size);
    this.rawIds = new Int32Array(size);
    const mask = size - 1;
    for (let old = 0; old < lengths.length; old++) {
      if (lengths[old] === 0) continue;
      let slot = slotOf(hashes[old]!, this.rawBits);
      while (this.rawLengths[slot] !== 0) slot = (slot + 1) & mask;
      this.rawHashes[slot] = hashes[old]!;
      this.rawStarts[slot] = starts[old]!;
      this.rawLengths[slot] = lengths[old]!;
      this.rawIds[slot] = ids[old]!;
    }
  }
}

/** A slot of a table of 2^bits from a hash: the top bits of a Fibonacci multiply, which every bit of the hash moves. */
function slotOf(hash: number, bits: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - bits);
}

/** The four views of one article the grouping compares: lead, whole text with names, plain text, names alone. */
export interface ArticleBags {
  /** `articleTermBag` limited to the first `leadSentences` sentences. */
  lead: IdBag;
  /** `articleTermBag` over the whole text. */
  body: IdBag;
  /** `plainTermBag`. */
  text: IdBag;
  /** `entityTermBag`. */
  entity: IdBag;
}

/**
 * Reads articles into the same bags as `articleTermBag` (lead and whole), `plainTermBag` and `entityTermBag`, from one
 * tokenization of each article and as ids of one interner: on large inputs the words are read once and no
 * per-article map is kept (each view counts over one dense array by id, reused from article to article).
 */
export class ArticleBagReader {
  readonly interner = new TermInterner();
  private readonly pools = new BagPools();
  private readonly lead = new BagBuilder(this.pools);
  private readonly body = new BagBuilder(this.pools);
  private readonly text = new BagBuilder(this.pools);
  private readonly entity = new BagBuilder(this.pools);

  constructor(
    private readonly entityTypes: ReadonlyMap<string, EntityType>,
    private readonly entityBoost: number,
    private readonly leadSentences: number,
  ) {}

  read(analyzed: AnalyzedArticle): ArticleBags {
    const { interner, lead, body, text, entity, leadSentences } = this;
    for (const id of interner.contentIds(analyzed.article.title)) {
      lead.add(id, LEAD_WEIGHT);
      body.add(id, LEAD_WEIGHT);
      text.add(id, 1);
    }
    for (const sentence of analyzed.sentences) {
      const weight = sentence.index < LEAD_SENTENCES ? LEAD_WEIGHT : 1;
      for (const id of interner.contentIds(sentence.text)) {
        if (sentence.index < leadSentences) lead.add(id, weight);
        body.add(id, weight);
        text.add(id, 1);
      }
    }
    for (const mention of analyzed.mentions) {
      const id = interner.entityId(mention.key);
      const boost = entityWeight(this.entityTypes.get(mention.key) ?? typeFromKey(mention.key), this.entityBoost);
      if (mention.sentenceIndex < leadSentences) lead.add(id, 1, boost);
      body.add(id, 1, boost);
      entity.add(id, mention.sentenceIndex < LEAD_SENTENCES ? LEAD_WEIGHT : 1, boost);
    }
    return { lead: lead.bag(), body: body.bag(), text: text.bag(), entity: entity.bag() };
  }
}

/**
 * One view's counts (and boosts) of the article being read, in dense arrays by term id with the ids in first-seen
 * order; `bag()` hands them over and clears what it read, so the arrays serve the next article.
 */
class BagBuilder {
  constructor(private readonly pools: BagPools) {}

  private counts = new Float64Array(1024);
  /** 1 where no boost was given. */
  private boosts = new Float64Array(1024).fill(1);
  private readonly ids: number[] = [];
  private boosted = false;

  add(id: number, count: number, boost?: number): void {
    if (id >= this.counts.length) this.grow(id);
    if (this.counts[id] === 0) this.ids.push(id);
    this.counts[id]! += count;
    if (boost !== undefined) {
      this.boosts[id] = boost;
      this.boosted = true;
    }
  }

  bag(): IdBag {
    const size = this.ids.length;
    const ids = this.pools.ids.take(size);
    const counts = this.pools.counts.take(size);
    const boosts = this.boosted ? this.pools.boosts.take(size) : null;
    for (let k = 0; k < size; k++) {
      const id = this.ids[k]!;
      ids[k] = id;
      counts[k] = this.counts[id]!;
      if (boosts) boosts[k] = this.boosts[id]!;
      this.counts[id] = 0;
      this.boosts[id] = 1;
    }
    this.ids.length = 0;
    this.boosted = false;
    return { ids, counts, boosts };
  }

  private grow(id: number): void {
    const size = Math.max(2 * this.counts.length, id + 1);
    this.counts = grown(this.counts, size);
    this.boosts = grown(this.boosts, size, 1);
  }
}

/**
 * Typed arrays handed out as views of large chunks, so a grouping run's bags (a few per article and view) cost a few
 * allocations, not hundreds of thousands of small ones whose freed memory stays in pieces.
 */
class ChunkPool<T extends Int32Array | Float64Array> {
  private chunk: T;
  private used = 0;

  constructor(private readonly make: (size: number) => T) {
    this.chunk = make(CHUNK_SIZE);
  }

  take(size: number): T {
    if (this.used + size > this.chunk.length) {
      this.chunk = this.make(Math.max(CHUNK_SIZE, size));
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + size) as T;
    this.used += size;
    return view;
  }
}

/** Entries a chunk holds: 64K numbers, a few hundred articles' bags. */
const CHUNK_SIZE = 1 << 16;

class BagPools {
  readonly ids = new ChunkPool((size) => new Int32Array(size));
  readonly counts = new ChunkPool((size) => new Float64Array(size));
  readonly boosts = new ChunkPool((size) => new Float64Array(size));
}

const ENTITY_PREFIX = 'ent:';
/** Headline and opening sentences state the happening itself; later paragraphs drift into background. */
const LEAD_SENTENCES = 3;
const LEAD_WEIGHT = 2;

/**
 * The article's words (headline and first sentences counted double) and one token per merged entity, boosted
 * because who and where identify a happening better than common vocabulary. `sentenceLimit` keeps only the lead.
 */
export function articleTermBag(
  analyzed: AnalyzedArticle,
  entityTypes: ReadonlyMap<string, EntityType>,
  entityBoost: number,
  sentenceLimit = Number.POSITIVE_INFINITY,
): TermBag {
  const counts = new Map<string, number>();
  const boosts = new Map<string, number>();
  const add = (term: string, count = 1) => counts.set(term, (counts.get(term) ?? 0) + count);
  for (const token of contentTokens(analyzed.article.title)) add(token, LEAD_WEIGHT);
  for (const sentence of analyzed.sentences.filter((x) => x.index < sentenceLimit)) {
    for (const token of contentTokens(sentence.text)) add(token, sentence.index < LEAD_SENTENCES ? LEAD_WEIGHT : 1);
  }
  for (const mention of analyzed.mentions.filter((x) => x.sentenceIndex < sentenceLimit)) {
    const term = ENTITY_PREFIX + mention.key;
    add(term);
    boosts.set(term, entityWeight(entityTypes.get(mention.key) ?? typeFromKey(mention.key), entityBoost));
  }
  return { counts, boosts };
}

/**
 * Who and where alone: one token per entity mention (lead mentions counted double), weighted by type. It is the
 * view in which two happenings of one kind differ most (another place, other people), whatever words they share.
 */
export function entityTermBag(
  analyzed: AnalyzedArticle,
  entityTypes: ReadonlyMap<string, EntityType>,
  entityBoost: number,
): TermBag {
  const counts = new Map<string, number>();
  const boosts = new Map<string, number>();
  for (const mention of analyzed.mentions) {
    const term = ENTITY_PREFIX + mention.key;
    counts.set(term, (counts.get(term) ?? 0) + (mention.sentenceIndex < LEAD_SENTENCES ? LEAD_WEIGHT : 1));
    boosts.set(term, entityWeight(entityTypes.get(mention.key) ?? typeFromKey(mention.key), entityBoost));
  }
  return { counts, boosts };
}

/** People and places pin down a happening; organizations recur across many stories, so they get half the extra. */
function entityWeight(type: EntityType | undefined, entityBoost: number): number {
  if (type === 'organization') return 1 + (entityBoost - 1) / 2;
  return entityBoost;
}

/** Keys look like "person:marco-rubio"; used when the entity list lacks a key a mention refers to. */
function typeFromKey(key: string): EntityType | undefined {
  const prefix = key.split(':', 1)[0];
  return prefix === 'person' || prefix === 'place' || prefix === 'organization' ? prefix : undefined;
}

/** Headline and body words, each occurrence counted once and nothing boosted: the plain whole-text view. */
export function plainTermBag(analyzed: AnalyzedArticle): TermBag {
  const counts = new Map<string, number>();
  const texts = [analyzed.article.title, ...analyzed.sentences.map((sentence) => sentence.text)];
  for (const text of texts) for (const token of contentTokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return { counts, boosts: new Map() };
}

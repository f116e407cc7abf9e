import type { AnalyzedArticle, EntityType } from '../analyze/types.js';
import { contentTokens, normalizeToken, rawTokens } from './tokens.js';

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
  /** Each raw token read so far and its content word's id (-1 when it has none), so a word is folded once a run. */
  private readonly rawIds = new Map<string, number>();

  /** The ids of `contentTokens(text)`, in order. */
  contentIds(text: string): number[] {
    const ids: number[] = [];
    for (const raw of rawTokens(text)) {
      let id = this.rawIds.get(raw);
      if (id === undefined) {
        const token = normalizeToken(raw);
        id = token === null ? -1 : this.id(token);
        this.rawIds.set(raw, id);
      }
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
 * The same bags as `articleTermBag` (lead and whole), `plainTermBag` and `entityTermBag`, from one tokenization of
 * the article and as interned ids: on large inputs the words are read once and no per-article string map is kept.
 */
export function articleBags(
  analyzed: AnalyzedArticle,
  entityTypes: ReadonlyMap<string, EntityType>,
  entityBoost: number,
  leadSentences: number,
  interner: TermInterner,
): ArticleBags {
  const lead = new BagBuilder();
  const body = new BagBuilder();
  const text = new BagBuilder();
  const entity = new BagBuilder();
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
    const id = interner.id(ENTITY_PREFIX + mention.key);
    const boost = entityWeight(entityTypes.get(mention.key) ?? typeFromKey(mention.key), entityBoost);
    if (mention.sentenceIndex < leadSentences) lead.add(id, 1, boost);
    body.add(id, 1, boost);
    entity.add(id, mention.sentenceIndex < LEAD_SENTENCES ? LEAD_WEIGHT : 1, boost);
  }
  return { lead: lead.bag(), body: body.bag(), text: text.bag(), entity: entity.bag() };
}

class BagBuilder {
  private readonly counts = new Map<number, number>();
  private boosts: Map<number, number> | null = null;

  add(id: number, count: number, boost?: number): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + count);
    if (boost !== undefined) (this.boosts ??= new Map()).set(id, boost);
  }

  bag(): IdBag {
    const ids = new Int32Array(this.counts.size);
    const counts = new Float64Array(this.counts.size);
    const boosts = this.boosts ? new Float64Array(this.counts.size) : null;
    let k = 0;
    for (const [id, count] of this.counts) {
      ids[k] = id;
      counts[k] = count;
      if (boosts) boosts[k] = this.boosts!.get(id) ?? 1;
      k++;
    }
    return { ids, counts, boosts };
  }
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

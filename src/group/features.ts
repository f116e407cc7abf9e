import type { AnalyzedArticle, EntityType } from '../analyze/types.js';
import { contentTokens } from './tokens.js';

/** Raw term counts of one article plus how much each term's weight is multiplied by. */
export interface TermBag {
  counts: Map<string, number>;
  boosts: Map<string, number>;
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

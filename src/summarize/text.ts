/** Lower-cased word tokens (letters and digits, any script), the unit every similarity here works on. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Words as a reader counts them: whitespace-separated runs that hold at least one letter or digit. */
export function countWords(text: string): number {
  return text.match(/\S*[\p{L}\p{N}]\S*/gu)?.length ?? 0;
}

/** Function words carry no topic, so centrality and label matching ignore them. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves said says say told according mr mrs ms s t would also one two us'
  ).split(' '),
);

/** Tokens that carry content: not stop words, not one-character debris. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((token) => token.length > 1 && !STOPWORDS.has(token));
}

/** Collapses whitespace and trims, so equal sentences from different outlets compare equal. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Upper-cases the first letter, for a sentence whose leading words were removed. */
export function capitalizeFirst(text: string): string {
  return text.replace(/^(\P{L}*)(\p{L})/u, (_match, prefix: string, letter: string) => prefix + letter.toUpperCase());
}

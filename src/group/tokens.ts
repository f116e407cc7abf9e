/**
 * Content words of a text for similarity: lower-cased words without function words, numbers kept as
 * specifics ("415", "6.1", "2013") because they tell two happenings of the same kind apart.
 */
const TOKEN = /\p{L}+(?:['’]\p{L}+)*|\d+(?:[.,]\d+)*/gu;

/** Function words and reporting verbs that appear in nearly every news story whatever it is about. */
const STOPWORDS = new Set(
  `a about above after again against all almost along already also although always am among an and another any
  anyone anything are around as at away back be became because become been before being below between both but by
  can cannot could did do does doing done down during each either else enough even ever every few for from further
  get gets getting go goes going got had has have having he her here hers herself him himself his how however i if
  in into is it its itself just last least less let like made make many may me might more most mostly much must my
  myself near need neither never next no nor not now of off often on once one only onto or other others our ours
  ourselves out over own per perhaps rather really said same say saying says see seen several she should since so
  some still such than that the their theirs them themselves then there these they this those though through thus
  to told too toward towards under until up upon us very via was we well were what whatever when where whether
  which while who whom whose why will with within without would yet you your yours yourself according added
  asked including later told week year years time times day days news reported report reports reporter reporters
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow mr mrs ms dr new`.split(/\s+/),
);

export function contentTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(TOKEN)) {
    const token = normalizeToken(match[0]);
    if (token !== null) tokens.push(token);
  }
  return tokens;
}

function normalizeToken(raw: string): string | null {
  if (/^\d/.test(raw)) {
    const number = raw.replace(/,(?=\d{3}\b)/g, '').replace(/[.,]$/, '');
    // Single digits are too common ("2 people", "1 June") to identify anything.
    return number.length >= 2 ? number : null;
  }
  const word = raw.replace(/['’]s$/, '').replace(/['’]/g, '');
  if (word.length < 3 || STOPWORDS.has(word)) return null;
  return stemPlural(word);
}

/** Folds the commonest plural forms so "missiles" meets "missile"; deliberately crude and cheap. */
function stemPlural(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Every word (no filtering) for shingling: copies are recognised by their exact running text. */
export function plainWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word-level vocabulary of the number grammar: cardinals, ordinals used as fraction denominators, scales. */
import { table } from './table.js';

export const UNIT_WORDS: Record<string, number> = table({
  zero: 0, nought: 0, naught: 0, nil: 0,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
});

export const TENS_WORDS: Record<string, number> = table({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});

/** Multipliers that close a group ("two hundred", "three million"). */
export const SCALE_WORDS: Record<string, number> = table({
  hundred: 100, hundreds: 100,
  thousand: 1e3, thousands: 1e3,
  lakh: 1e5, lakhs: 1e5, lac: 1e5,
  million: 1e6, millions: 1e6, mn: 1e6, mln: 1e6, mil: 1e6, mm: 1e6,
  crore: 1e7, crores: 1e7,
  billion: 1e9, billions: 1e9, bn: 1e9, bln: 1e9,
  trillion: 1e12, trillions: 1e12, tn: 1e12, tln: 1e12, trn: 1e12,
});

/** Letters glued to digits that act as magnitudes ("10k", "€10bn", "10M"); lower-case "m" is decided in context. */
export const ATTACHED_MAGNITUDES: Record<string, number> = table({
  k: 1e3, K: 1e3, M: 1e6, MM: 1e6, G: 1e9, b: 1e9, B: 1e9, bn: 1e9, Bn: 1e9, BN: 1e9,
  mn: 1e6, mln: 1e6, mil: 1e6, bln: 1e9, tn: 1e12, tln: 1e12, trn: 1e12, T: 1e12,
});

/** Denominators of word fractions. "second" is left out: "a second" is almost always time or an ordinal. */
export const DENOMINATOR_WORDS: Record<string, number> = table({
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4,
  fifth: 5, fifths: 5, sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8,
  ninth: 9, ninths: 9, tenth: 10, tenths: 10, eleventh: 11, elevenths: 11, twelfth: 12, twelfths: 12,
  thirteenth: 13, thirteenths: 13, fourteenth: 14, fourteenths: 14, fifteenth: 15, fifteenths: 15,
  sixteenth: 16, sixteenths: 16, seventeenth: 17, seventeenths: 17, eighteenth: 18, eighteenths: 18,
  nineteenth: 19, nineteenths: 19, twentieth: 20, twentieths: 20, thirtieth: 30, thirtieths: 30,
  fortieth: 40, fortieths: 40, fiftieth: 50, fiftieths: 50, sixtieth: 60, sixtieths: 60,
  seventieth: 70, seventieths: 70, eightieth: 80, eightieths: 80, ninetieth: 90, ninetieths: 90,
  hundredth: 100, hundredths: 100, thousandth: 1e3, thousandths: 1e3, millionth: 1e6, millionths: 1e6,
  billionth: 1e9, billionths: 1e9, trillionth: 1e12, trillionths: 1e12,
});

/** Ordinals of 1..9 that may close a hyphenated tens denominator ("twenty-first", "thirty-fifths"). */
export const UNIT_ORDINALS: Record<string, number> = table({
  first: 1, firsts: 1, second: 2, seconds: 2, third: 3, thirds: 3, fourth: 4, fourths: 4, fifth: 5, fifths: 5,
  sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8, ninth: 9, ninths: 9,
});

/** Collective count nouns ("a dozen", "3 dozens"). */
export const DOZEN_WORDS: Record<string, number> = table({ dozen: 12, dozens: 12, dozs: 12, dzs: 12, doz: 12, dz: 12 });

export const NEGATIVE_WORDS = new Set(['minus', 'negative']);

export const MONTHS: Record<string, number> = table({
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
});

/** Words before a bare four-digit number that make it a year ("since 2022", "in 2023"). */
export const YEAR_CUES = new Set([
  'in', 'since', 'by', 'from', 'until', 'till', 'through', 'of', 'to', 'during', 'before', 'after', 'early',
  'late', 'mid', 'year', 'years', 'season', 'summer', 'winter', 'spring', 'autumn', 'fall', 'the', 'and',
  'between', 'circa', 'around', 'fiscal', 'for', 'as', 'at', 'on', 'than',
]);

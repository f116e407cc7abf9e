/** Unit vocabulary: how units are written after (or before) a number, and their normalized names. */
import { table } from './table.js';

export type UnitClass = 'money' | 'percent' | 'duration' | 'measure';

export interface UnitSense {
  unit: string;
  unitClass: UnitClass;
  /** Applied to the number: "30 MUSD" is 30 million US dollars. */
  multiplier?: number;
  /** Short or ambiguous spellings ("m", "in", "pm") count only when glued to the number or closing the phrase. */
  ambiguous?: boolean;
}

type Table = [string[], string, UnitClass, Partial<UnitSense>?][];

const CURRENCY_AFTER: Table = [
  [['dollar', 'dollars', 'usd', 'us dollar', 'us dollars', 'u.s. dollars', 'american dollars', 'bucks'], 'USD', 'money'],
  [['euro', 'euros', 'eur', '€'], 'EUR', 'money'],
  [['pound sterling', 'pounds sterling', 'sterling', 'gbp', 'british pounds', 'british pound', '£'], 'GBP', 'money'],
  [['yen', 'jpy', 'japanese yen', '¥'], 'JPY', 'money'],
  [['yuan', 'rmb', 'renminbi', 'cny', 'chinese yuan', 'kuai', '元'], 'CNY', 'money'],
  [['rupee', 'rupees', 'inr', 'indian rupees', '₹'], 'INR', 'money'],
  [['rouble', 'roubles', 'ruble', 'rubles', 'rub', '₽'], 'RUB', 'money'],
  [['hryvnia', 'hryvnias', 'hryvnia', 'uah', '₴'], 'UAH', 'money'],
  [['swiss franc', 'swiss francs', 'chf'], 'CHF', 'money'],
  [['franc', 'francs'], 'franc', 'money'],
  [['canadian dollar', 'canadian dollars', 'cad'], 'CAD', 'money'],
  [['australian dollar', 'australian dollars', 'aud'], 'AUD', 'money'],
  [['hong kong dollars', 'hong kong dollar', 'hkd'], 'HKD', 'money'],
  [['new zealand dollars', 'nzd'], 'NZD', 'money'],
  [['mexican pesos', 'mexican peso', 'mxn'], 'MXN', 'money'],
  [['turkish lira', 'turkish liras', 'lira', '₺'], 'TRY', 'money'],
  [['shekel', 'shekels', 'ils', '₪'], 'ILS', 'money'],
  [['naira', '₦'], 'NGN', 'money'],
  [['won', '₩', 'krw'], 'KRW', 'money'],
  [['zloty', 'zlotys', 'pln'], 'PLN', 'money'],
  [['krona', 'kronor', 'sek'], 'SEK', 'money'],
  [['bitcoin', 'bitcoins', 'btc', '₿'], 'BTC', 'money'],
  [['satoshi', 'satoshis'], 'satoshi', 'money'],
  [['finnish markka', 'markka', 'markkaa'], 'FIM', 'money'],
  [['peseta', 'pesetas'], 'ESP', 'money'],
  [['dutch guilders', 'guilder', 'guilders'], 'NLG', 'money'],
  [['₡', 'colón', 'colones'], 'CRC', 'money'],
  [['₾', 'lari'], 'GEL', 'money'],
  [['₭', 'kip'], 'LAK', 'money'],
  [['cent', 'cents'], 'cent', 'money'],
  [['pence', 'penny'], 'pence', 'money'],
  [['$'], 'USD', 'money'],
  [['musd'], 'USD', 'money', { multiplier: 1e6 }],
  [['meur'], 'EUR', 'money', { multiplier: 1e6 }],
  [['mgbp'], 'GBP', 'money', { multiplier: 1e6 }],
];

const PERCENT: Table = [
  [['%', 'percent', 'per cent', 'percents', 'percentage', 'pct', 'pc'], 'percent', 'percent'],
  [['percentage points', 'percentage point', 'points percentage'], 'percentage point', 'percent'],
];

const DURATIONS: Table = [
  [['second', 'seconds', 'sec', 'secs'], 'second', 'duration'],
  [['s'], 'second', 'duration', { ambiguous: true }],
  [['minute', 'minutes', 'mins'], 'minute', 'duration'],
  [['min'], 'minute', 'duration', { ambiguous: true }],
  [['hour', 'hours', 'hrs', 'hr'], 'hour', 'duration'],
  [['h'], 'hour', 'duration', { ambiguous: true }],
  [['day', 'days'], 'day', 'duration'],
  [['week', 'weeks', 'wk', 'wks'], 'week', 'duration'],
  [['fortnight', 'fortnights'], 'fortnight', 'duration'],
  [['month', 'months'], 'month', 'duration'],
  [['year', 'years', 'yr', 'yrs'], 'year', 'duration'],
  [['decade', 'decades'], 'decade', 'duration'],
  [['century', 'centuries'], 'century', 'duration'],
  [['millisecond', 'milliseconds', 'ms'], 'millisecond', 'duration'],
];

const MEASURES: Table = [
  [['km', 'kms', 'kilometre', 'kilometres', 'kilometer', 'kilometers'], 'kilometre', 'measure'],
  [['metre', 'metres', 'meter', 'meters'], 'metre', 'measure'],
  [['m'], 'metre', 'measure', { ambiguous: true }],
  [['cm', 'centimetre', 'centimetres', 'centimeter', 'centimeters'], 'centimetre', 'measure'],
  [['mm', 'millimetre', 'millimetres', 'millimeter', 'millimeters'], 'millimetre', 'measure'],
  [['dm', 'decimetre', 'decimetres', 'decimeter', 'decimeters'], 'decimetre', 'measure'],
  [['nm', 'nanometre', 'nanometres', 'nanometer', 'nanometers'], 'nanometre', 'measure'],
  [['picometre', 'picometres', 'picometer', 'picometers'], 'picometre', 'measure'],
  [['pm'], 'picometre', 'measure', { ambiguous: true }],
  [['mile', 'miles'], 'mile', 'measure'],
  [['mi'], 'mile', 'measure', { ambiguous: true }],
  [['nautical mile', 'nautical miles'], 'nautical mile', 'measure'],
  [['ft', 'foot', 'feet', '′'], 'foot', 'measure'],
  // A straight double quote is left out: in news it opens quotations far more often than it marks inches.
  [['inch', 'inches', '″'], 'inch', 'measure'],
  [['yard', 'yards', 'yd', 'yds'], 'yard', 'measure'],
  [['acre', 'acres'], 'acre', 'measure'],
  [['hectare', 'hectares'], 'hectare', 'measure'],
  [['ha'], 'hectare', 'measure', { ambiguous: true }],
  [['km2', 'km²', 'sq km', 'square kilometre', 'square kilometres', 'square kilometer', 'square kilometers'], 'square kilometre', 'measure'],
  [['m2', 'm²', 'sq m', 'square metre', 'square metres', 'square meter', 'square meters'], 'square metre', 'measure'],
  [['sq mi', 'square mile', 'square miles'], 'square mile', 'measure'],
  [['sq ft', 'square foot', 'square feet'], 'square foot', 'measure'],
  [['km3', 'km³', 'cubic kilometre', 'cubic kilometres', 'cubic kilometer', 'cubic kilometers'], 'cubic kilometre', 'measure'],
  [['m3', 'm³', 'cubic metre', 'cubic metres', 'cubic meter', 'cubic meters'], 'cubic metre', 'measure'],
  [['cubic foot', 'cubic feet'], 'cubic foot', 'measure'],
  [['litre', 'litres', 'liter', 'liters'], 'litre', 'measure'],
  [['l'], 'litre', 'measure', { ambiguous: true }],
  [['ml', 'millilitre', 'millilitres', 'milliliter', 'milliliters'], 'millilitre', 'measure'],
  [['gallon', 'gallons', 'gal'], 'gallon', 'measure'],
  [['barrel', 'barrels', 'bbl'], 'barrel', 'measure'],
  [['pint', 'pints'], 'pint', 'measure'],
  [['cup', 'cups'], 'cup', 'measure'],
  [['tablespoon', 'tablespoons', 'tbsp'], 'tablespoon', 'measure'],
  [['teaspoon', 'teaspoons', 'tsp'], 'teaspoon', 'measure'],
  [['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms', 'kilogramme', 'kilogrammes'], 'kilogram', 'measure'],
  [['gram', 'grams', 'gramme', 'grammes'], 'gram', 'measure'],
  [['g'], 'gram', 'measure', { ambiguous: true }],
  [['mg', 'milligram', 'milligrams', 'milligramme', 'milligrammes'], 'milligram', 'measure'],
  [['μg', 'µg', 'mcg', 'microgram', 'micrograms', 'microgramme', 'microgrammes'], 'microgram', 'measure'],
  [['tonne', 'tonnes', 'metric ton', 'metric tons', 'metric tonnes'], 'tonne', 'measure'],
  [['ton', 'tons'], 'ton', 'measure'],
  [['t'], 'tonne', 'measure', { ambiguous: true }],
  [['lb', 'lbs', 'pound', 'pounds'], 'pound', 'measure'],
  [['oz', 'ounce', 'ounces'], 'ounce', 'measure'],
  [['drachma', 'drachmas', 'dram', 'drams'], 'dram', 'measure'],
  [['mph', 'miles per hour', 'miles an hour', 'mile per hour'], 'mile per hour', 'measure'],
  [['km/h', 'kph', 'kmph', 'km/hr', 'kilometres per hour', 'kilometers per hour', 'kilometres an hour', 'kilometers an hour'], 'kilometre per hour', 'measure'],
  [['knot', 'knots'], 'knot', 'measure'],
  [['°c', '° c', 'degrees celsius', 'degree celsius', 'celsius', 'degrees centigrade', '℃'], 'degree Celsius', 'measure'],
  [['°f', '° f', 'degrees fahrenheit', 'degree fahrenheit', 'fahrenheit', '℉'], 'degree Fahrenheit', 'measure'],
  [['°', 'degree', 'degrees'], 'degree', 'measure'],
  [['rad', 'radian', 'radians'], 'radian', 'measure'],
  [['turn', 'turns'], 'turn', 'measure'],
  [['bit', 'bits'], 'bit', 'measure'],
  [['byte', 'bytes'], 'byte', 'measure'],
  [['kb', 'kilobyte', 'kilobytes'], 'kilobyte', 'measure'],
  [['kibibyte', 'kibibytes'], 'kibibyte', 'measure'],
  [['mb', 'megabit', 'megabits', 'mbit'], 'megabit', 'measure'],
  [['megabyte', 'megabytes'], 'megabyte', 'measure'],
  [['gb', 'gigabyte', 'gigabytes'], 'gigabyte', 'measure'],
  [['tb', 'terabyte', 'terabytes'], 'terabyte', 'measure'],
  [['exabyte', 'exabytes'], 'exabyte', 'measure'],
  [['tev'], 'teraelectronvolt', 'measure'],
  [['gev'], 'gigaelectronvolt', 'measure'],
  [['mev'], 'megaelectronvolt', 'measure'],
  [['ev', 'electronvolt', 'electronvolts'], 'electronvolt', 'measure'],
  [['joule', 'joules'], 'joule', 'measure'],
  [['kwh', 'kilowatt hour', 'kilowatt hours', 'kilowatt-hours'], 'kilowatt hour', 'measure'],
  [['kw', 'kilowatt', 'kilowatts'], 'kilowatt', 'measure'],
  [['mw', 'megawatt', 'megawatts'], 'megawatt', 'measure'],
  [['gw', 'gigawatt', 'gigawatts'], 'gigawatt', 'measure'],
  [['watt', 'watts'], 'watt', 'measure'],
  [['volt', 'volts'], 'volt', 'measure'],
  [['hz', 'hertz'], 'hertz', 'measure'],
];

/** Spellings whose case decides the unit: "MB" is a megabyte, "mb" a megabit; "mm" a millimetre, "MM" a million. */
const CASE_SENSITIVE: Record<string, UnitSense> = table({
  MB: { unit: 'megabyte', unitClass: 'measure' },
  GB: { unit: 'gigabyte', unitClass: 'measure' },
  TB: { unit: 'terabyte', unitClass: 'measure' },
  KB: { unit: 'kilobyte', unitClass: 'measure' },
  MW: { unit: 'megawatt', unitClass: 'measure' },
  // Torque: a newton metre, never a nanometre ("540 Nm of torque").
  Nm: { unit: 'newton metre', unitClass: 'measure' },
  J: { unit: 'joule', unitClass: 'measure', ambiguous: true },
  W: { unit: 'watt', unitClass: 'measure', ambiguous: true },
  MAUD: { unit: 'AUD', unitClass: 'money', multiplier: 1e6 },
});

function buildIndex(tables: Table[]): Map<string, UnitSense> {
  const index = new Map<string, UnitSense>();
  for (const table of tables) {
    for (const [spellings, unit, unitClass, extra] of table) {
      for (const spelling of spellings) {
        if (!index.has(spelling)) index.set(spelling, { unit, unitClass, ...extra });
      }
    }
  }
  return index;
}

/** Spelling (lower case, words joined by one space) -> unit, for units written after the number. */
export const UNITS_AFTER = buildIndex([PERCENT, CURRENCY_AFTER, DURATIONS, MEASURES]);

export function caseSensitiveUnit(spelling: string): UnitSense | undefined {
  return CASE_SENSITIVE[spelling];
}

/** Currency symbols written before the number ("$5", "€10bn"). */
export const CURRENCY_SYMBOLS: Record<string, string> = table({
  $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₽': 'RUB', '₴': 'UAH', '₩': 'KRW', '₺': 'TRY',
  '₪': 'ILS', '₦': 'NGN', '₿': 'BTC', '₡': 'CRC', '₾': 'GEL', '₭': 'LAK', '元': 'CNY',
});

/** Letters glued before "$" that name the dollar ("US$", "C$", "HK$", "Mex$"). */
export const DOLLAR_PREFIXES: Record<string, string> = table({
  us: 'USD', usd: 'USD', u: 'USD', c: 'CAD', ca: 'CAD', cad: 'CAD', a: 'AUD', au: 'AUD', aud: 'AUD',
  hk: 'HKD', nz: 'NZD', nzd: 'NZD', s: 'SGD', sg: 'SGD', r: 'BRL', mex: 'MXN', mxn: 'MXN', nt: 'TWD',
});

/** Currency codes and words that may stand before the number ("USD 200", "Rs 500"). English words ("try", "all") are left out. */
export const CURRENCY_CODES_BEFORE: Record<string, string> = table({
  usd: 'USD', eur: 'EUR', gbp: 'GBP', jpy: 'JPY', cny: 'CNY', rmb: 'CNY', inr: 'INR', rs: 'INR', chf: 'CHF',
  cad: 'CAD', aud: 'AUD', hkd: 'HKD', nzd: 'NZD', mxn: 'MXN', rub: 'RUB', uah: 'UAH', sek: 'SEK', nok: 'NOK',
  dkk: 'DKK', pln: 'PLN', brl: 'BRL', zar: 'ZAR', krw: 'KRW', sgd: 'SGD', btc: 'BTC', dollar: 'USD', dollars: 'USD',
});

/** Codes that count in millions when written before the number ("MAUD 60"). */
export const MILLION_CODES_BEFORE: Record<string, string> = table({ MUSD: 'USD', MEUR: 'EUR', MGBP: 'GBP', MAUD: 'AUD' });

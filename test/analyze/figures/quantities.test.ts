import { describe, expect, it } from 'vitest';
import { extractQuantities } from '../../../src/analyze/figures/index.js';
import type { Quantity } from '../../../src/analyze/types.js';

function only(text: string): Quantity {
  const found = extractQuantities(text);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  return found[0]!;
}

function brief(text: string): [string, number, string | null][] {
  return extractQuantities(text).map((q) => [q.surface, q.value, q.unit]);
}

describe('digits', () => {
  it('reads thousands separators, decimals and negatives', () => {
    expect(brief('1,343 wounded, 4,000 troops, 2.5 points and -9.25 degrees of frost')).toEqual([
      ['1,343', 1343, null], ['4,000', 4000, null], ['2.5', 2.5, null], ['-9.25 degrees', -9.25, 'degree'],
    ]);
  });

  it('reads space-grouped, Indian and European grouping', () => {
    expect(only('about 1 234 567 people').value).toBe(1234567);
    expect(only('a sum of 12,34,567.89').value).toBeCloseTo(1234567.89);
    expect(only('priced 1.111,11').value).toBeCloseTo(1111.11);
  });

  it('splits dotted and listed numbers into separate numbers', () => {
    expect(brief('192.168.1.2').map((q) => q[1])).toEqual([192, 168, 1, 2]);
    expect(brief('items 22,24,26,31.').map((q) => q[1])).toEqual([22, 24, 26, 31]);
  });

  it('reads scientific notation and attached magnitudes', () => {
    expect(only('1.3x10^6').value).toBe(1.3e6);
    expect(only('1e10').value).toBe(1e10);
    expect(only('I can give you 10k.').value).toBe(10000);
    expect(only('a 2.5M budget line').value).toBe(2.5e6);
  });

  it('does not read codes, addresses or division by zero as quantities', () => {
    expect(extractQuantities('The Airbus A320 landed')).toEqual([]);
    expect(extractQuantities('see https://example.com/page?id=30%25')).toEqual([]);
    expect(extractQuantities('The number 1/0 is not valid.')).toEqual([]);
  });
});

describe('word numbers', () => {
  it('reads compound cardinals and scales', () => {
    expect(only('twenty-one').value).toBe(21);
    expect(only('two million people').value).toBe(2e6);
    expect(only('three hundred and forty-two').value).toBe(342);
    expect(only('4 thousand 3 hundred and 21').value).toBe(4321);
  });

  it('reads dozens, halves and fractions', () => {
    expect(only('a dozen eggs').value).toBe(12);
    expect(only('half a dozen').value).toBe(6);
    expect(only('more than half the voters').value).toBe(0.5);
    expect(only('three quarters').value).toBe(0.75);
    expect(only('two and a half').value).toBe(2.5);
    expect(only('3/4').value).toBe(0.75);
    expect(only('2 1/4').value).toBe(2.25);
    expect(only('five and a half million fish').value).toBe(5.5e6);
    expect(only('after five-and-a-half years in charge')).toMatchObject({ value: 5.5, unit: 'year' });
  });

  it('reads "point" decimals and negative words', () => {
    expect(only('two hundred point zero three').value).toBeCloseTo(200.03);
    expect(only('minus five').value).toBe(-5);
  });

  it('leaves pronoun "one" alone', () => {
    expect(extractQuantities('The one you mentioned is invalid')).toEqual([]);
  });
});

describe('ranges', () => {
  it('reads dash, "to" and "between" ranges as their midpoint', () => {
    expect(brief('around 10-15 exabytes')).toEqual([['10-15 exabytes', 12.5, 'exabyte']]);
    expect(brief('between 5 and 10')).toEqual([['between 5 and 10', 7.5, null]]);
    expect(brief('44 mg to 50 mg')).toEqual([['44 mg to 50 mg', 47, 'milligram']]);
  });

  it('keeps both ends of a range, with a magnitude written once applying to both', () => {
    expect(only('the $40-50 billion in purchases')).toMatchObject({ unit: 'USD', range: { low: 40e9, high: 50e9 } });
    expect(only('between 5 and 10 million people').range).toEqual({ low: 5e6, high: 10e6 });
    expect(only('from 1,000 to 2 million').range).toEqual({ low: 1000, high: 2e6 });
    expect(only('10-15 minutes').range).toEqual({ low: 10, high: 15 });
  });

  it('does not run a digit group into a model name or read web addresses and handles', () => {
    expect(brief('400 737 Max jets').map((q) => q[1])).toEqual([400, 737]);
    expect(brief('see pic.twitter.com/3BDnrvkoms and @news24 or #G20')).toEqual([]);
    expect(only('540 Nm of torque').unit).toBe('newton metre');
  });

  it('does not read a score or a year span as a range', () => {
    expect(brief('they won 3-1').map((q) => q[1])).toEqual([3, 1]);
    expect(only('in 2013-14').kind).toBe('year');
  });
});

describe('percents and money', () => {
  it('reads percents in symbols and words', () => {
    expect(only('up 20%').unit).toBe('percent');
    expect(only('twenty percent').value).toBe(20);
    expect(only('20 per cent').kind).toBe('percent');
  });

  it('reads currency symbols, codes and magnitude suffixes before and after', () => {
    expect(brief('€10bn')).toEqual([['€10bn', 1e10, 'EUR']]);
    expect(brief('$1.5 million')).toEqual([['$1.5 million', 1.5e6, 'USD']]);
    expect(brief('US$3 billion')).toEqual([['US$3 billion', 3e9, 'USD']]);
    expect(brief('10m euros')).toEqual([['10m euros', 1e7, 'EUR']]);
    expect(brief('Rs 500')).toEqual([['Rs 500', 500, 'INR']]);
    expect(brief('USD 200')).toEqual([['USD 200', 200, 'USD']]);
    expect(brief('-15€')).toEqual([['-15€', -15, 'EUR']]);
    expect(brief('361 million pounds')).toEqual([['361 million pounds', 361e6, 'GBP']]);
    expect(only('(£8.6bn)').surface).toBe('£8.6bn');
  });
});

describe('units', () => {
  it('normalizes measures', () => {
    expect(brief('4,000 km, 180.25ml, 5 kg, 60 mph, 19°C')).toEqual([
      ['4,000 km', 4000, 'kilometre'], ['180.25ml', 180.25, 'millilitre'], ['5 kg', 5, 'kilogram'],
      ['60 mph', 60, 'mile per hour'], ['19°C', 19, 'degree Celsius'],
    ]);
  });

  it('reads powers of lengths as areas and volumes', () => {
    expect(only('4km^2').unit).toBe('square kilometre');
    expect(only('4 km cubed').unit).toBe('cubic kilometre');
  });

  it('reads durations, hyphenated adjectives and possessives', () => {
    expect(brief("six weeks' time")).toEqual([["six weeks'", 6, 'week']]);
    expect(only('a 30-day ceasefire')).toMatchObject({ surface: '30-day', value: 30, unit: 'day', kind: 'duration' });
    expect(only('for three years').unit).toBe('year');
  });

  it('keeps a bare short abbreviation only when it is glued or ends the phrase', () => {
    expect(only('48m').unit).toBe('metre');
    expect(only('a wall of 2 m').unit).toBe('metre');
    expect(extractQuantities('24703 L-202').map((q) => q.unit)).not.toContain('litre');
  });
});

describe('kinds', () => {
  it('marks ages, years, dates, times and ordinals', () => {
    expect(only('a 22-year-old policewoman')).toMatchObject({ surface: '22-year-old', kind: 'age' });
    expect(only('she joined in 2023.').kind).toBe('year');
    expect(only('since April 2022').kind).toBe('year');
    expect(only('on July 10 in Kuala Lumpur').kind).toBe('date');
    expect(only('at 6pm').kind).toBe('date');
    expect(only('the 4th attempt').kind).toBe('ordinal');
    expect(only('dated 2025-07-10').kind).toBe('date');
  });

  it('marks counts and bare numbers', () => {
    expect(only('415 drones').kind).toBe('count');
    expect(only('The answer is 42.').kind).toBe('number');
  });

  it('gives offsets that slice back to the surface', () => {
    const text = 'Officials said €2.3bn and 1,343 wounded.';
    for (const q of extractQuantities(text)) expect(text.slice(q.start, q.end)).toBe(q.surface);
  });
});

describe('long text', () => {
  it('finds every quantity in a long repeated text', () => {
    const paragraph = 'Russia launched 415 drones and missiles, killing 2 people and injuring more than 23; €10bn was pledged. ';
    const text = paragraph.repeat(500);
    const found = extractQuantities(text);
    expect(found).toHaveLength(500 * 4);
  });
});

describe('compound and corpus forms', () => {
  it('divides units written with "/" or "per"', () => {
    expect(only('20 J/m^2 per year').unit).toBe('joule per square metre per year');
    expect(only('50 centimeters/millisecond').unit).toBe('centimetre per millisecond');
  });

  it('adds named subunits to the main unit', () => {
    expect(only('it cost 3 dollars 50 cents.')).toMatchObject({ value: 3.5, unit: 'USD' });
    expect(only('he is 5 feet 2 inches')).toMatchObject({ unit: 'foot' });
    expect(only('he is 5 feet 2 inches').value).toBeCloseTo(5 + 2 / 12);
  });

  it('reads word fractions after "and" and with a magnitude', () => {
    expect(only('one million and a half').value).toBe(1.5e6);
    expect(only('two thirds of a million').value).toBeCloseTo(2e6 / 3);
    expect(only('one-eighth').value).toBe(0.125);
    expect(only('a twenty-first').value).toBeCloseTo(1 / 21);
    expect(brief('two millionth')).toEqual([['two', 2, null]]);
  });

  it('reads pre-tokenized text with spaces around points, commas and slashes', () => {
    expect(only('sales rose 6 . 2 % to').value).toBeCloseTo(6.2);
    expect(only('around 80 , 000 spectators').value).toBe(80000);
    expect(only('fell 1 / 4 point').value).toBe(0.25);
  });

  it('gives a number its own currency symbol, not the neighbour\'s', () => {
    expect(brief('1 $10 bill')).toEqual([['1', 1, null], ['$10', 10, 'USD']]);
    expect(brief('10 rmb 20 usd')).toEqual([['10 rmb', 10, 'CNY'], ['20 usd', 20, 'USD']]);
  });

  it('keeps a closing quote out of inches', () => {
    expect(only('The class is "English 101".').unit).toBeNull();
  });
});

describe('written fractions of several words', () => {
  it('gives the ordinal the words that still compose with it, and "and" to the numerator', () => {
    expect(only('four twenty firsts').value).toBeCloseTo(4 / 21);
    expect(only('two hundred forty fifths').value).toBeCloseTo(200 / 45);
    expect(only('two hundred and forty fifths').value).toBeCloseTo(48);
    expect(only('one one thousand and third').value).toBeCloseTo(1 / 1003);
  });

  it('reads a whole part before the last "and" and a round ordinal as the whole denominator', () => {
    expect(only('thirty and one and two sevenths').value).toBeCloseTo(31 + 2 / 7);
    expect(only('six and thirty-one hundredths').value).toBeCloseTo(6.31);
    expect(only('nine hundred ninety nine thousandths').value).toBeCloseTo(0.999);
    expect(only('two million and three fifths').value).toBeCloseTo(2.6e6);
  });

  it('reads a hyphenated fraction before a noun as a fraction', () => {
    expect(only('a one-third stake').value).toBeCloseTo(1 / 3);
  });

  it('reads tens and a singular ordinal as a rank', () => {
    expect(extractQuantities('the twenty-first century')).toEqual([]);
    expect(extractQuantities('its twenty fifth anniversary')).toEqual([]);
    expect(only('a twenty-first of the sum').value).toBeCloseTo(1 / 21);
  });
});

describe('scales, zero and labels', () => {
  it('multiplies a bigger scale written right after the only one', () => {
    expect(only('two lakh crore').value).toBe(2e12);
    expect(only('five thousand million').value).toBe(5e9);
    expect(only('one trillion five hundred billion').value).toBe(1.5e12);
  });

  it('does not add a zero after "and"', () => {
    expect(brief('7 thousand 2 hundred and 0').map((q) => q[1])).toEqual([7200, 0]);
  });

  it('reads halves and quarters of a period as no quantity', () => {
    expect(extractQuantities('sales in the second half of the year')).toEqual([]);
    expect(extractQuantities('first-half profit')).toEqual([]);
    expect(only('more than half the voters').value).toBe(0.5);
  });

  it('reads list labels and numbers after "No." as ranks', () => {
    expect(extractQuantities('it is 1) cheaper and 2) faster').map((q) => q.kind)).toEqual(['ordinal', 'ordinal']);
    expect(only('the cost (about 3) fell').kind).not.toBe('ordinal');
    expect(only('the No. 4 seed').kind).toBe('ordinal');
  });

  it('reads a lower-case "may" as the month only next to a day or year and a preposition', () => {
    expect(only('fined on 3 may that year').kind).toBe('date');
    expect(only('on may 21 , the agency').kind).toBe('date');
    expect(only('5 may be too many').kind).not.toBe('date');
  });

  it('keeps "a dozen" after a price in the price', () => {
    expect(brief('eggs sold for 75 cents a dozen')).toEqual([['75 cents a dozen', 75, 'cent']]);
    expect(only('a dozen eggs').value).toBe(12);
  });

  it('adds a bare subunit before "more" or a worded one before "and", but not after "and ... more"', () => {
    expect(brief('they owed 12 USD 40 more')).toEqual([['12 USD 40', 12.4, 'USD']]);
    expect(only('two dollars and three and nothing else').value).toBeCloseTo(2.03);
    expect(brief('8 euros and 30 more').map((q) => q[1])).toEqual([8, 30]);
  });

  it('reads a spaced hyphen of pre-tokenized text like a glued one', () => {
    expect(extractQuantities('it booked one - time gains')).toEqual([]);
  });
});

describe('words that look like numbers', () => {
  it('does not find object-prototype names in the lexicon', () => {
    expect(extractQuantities('the constructor and toString of valueOf')).toEqual([]);
  });

  it('reads a singular ordinal before a noun as a rank, not a fraction', () => {
    expect(extractQuantities('a third round of talks')).toEqual([]);
    expect(only('a third of the budget').value).toBeCloseTo(1 / 3);
  });

  it('tells years from counts of four digits', () => {
    expect(only('a 2014 survey').kind).toBe('year');
    expect(only('2000 people marched').kind).toBe('count');
  });

  it('skips mail addresses and reads "one another" as a pronoun', () => {
    expect(extractQuantities('write to desk24@news.example.org today')).toEqual([]);
    expect(extractQuantities('they blamed one another')).toEqual([]);
  });
});

describe('ages and old years', () => {
  it('reads a number between commas after a name as an age', () => {
    expect(only('Heath Harding, 18, says he is the slacker').kind).toBe('age');
    expect(only('The fund, 18, was closed').kind).not.toBe('age');
    expect(only('they bought 18, then sold').kind).not.toBe('age');
  });

  it('reads an early year after a cue word', () => {
    expect(only('an earl who died in 1065.').kind).toBe('year');
  });
});

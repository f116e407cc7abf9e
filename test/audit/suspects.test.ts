import { describe, expect, it } from 'vitest';
import { figureSuspects, headlineSuspects, outletSuspects, quoteSuspects, standaloneSuspects } from '../../src/audit/suspects.js';

const signs = (list: { sign: string }[]) => list.map((s) => s.sign);
const figure = (surface: string, text: string, value: number, unit: string | null = null, label = 'people') => ({ surface, text, value, unit, label });

describe('audit signs: each flags the junk and passes a similar real item', () => {
  it('years, link fragments, phone and emergency numbers, product codes are not quantities', () => {
    expect(signs(figureSuspects(figure('2018', 'A 2018 analysis found 40 cases.', 2018, null, 'analysis')))).toContain('year');
    expect(signs(figureSuspects(figure('2,018', 'Officials counted 2,018 cases.', 2018, null, 'cases')))).not.toContain('year');
    expect(signs(figureSuspects(figure('3', 'Watch it here pic.twitter.com/3BDnrvkoms', 3, null, 'BDnrvkoms')))).toContain('url-fragment');
    expect(signs(figureSuspects(figure('3 BDnrvkoms', 'Watch it here 3 BDnrvkoms', 3, null, '')))).toContain('url-fragment');
    expect(signs(figureSuspects(figure('3 GW', 'A 3 GW solar park is planned.', 3, 'gigawatt', 'solar park')))).toEqual([]);
    expect(signs(figureSuspects(figure('40', 'Call +49 (0)40 123 456 for tickets.', 40)))).toContain('phone-number');
    expect(signs(figureSuspects(figure('911', 'A neighbour called 911 at once.', 911, null, '')))).toContain('emergency-number');
    expect(signs(figureSuspects(figure('911', 'The fire destroyed 911 homes.', 911, null, 'homes')))).toEqual([]);
    expect(signs(figureSuspects(figure('400 737', 'The airline ordered 400 737 Max jets.', 400737, null, 'Max jets')))).toContain('product-code');
    expect(signs(figureSuspects(figure('1080', 'It streams at 1080p on every device.', 1080, null, 'p')))).toContain('product-code');
  });

  it('a range shown as one value, and a currency shown as another', () => {
    expect(signs(figureSuspects(figure('$40-50 billion', 'Purchases of $40-50 billion a year.', 25000000020, 'USD', 'purchases')))).toContain('range-lost');
    expect(signs(figureSuspects({ ...figure('$40-50 billion', 'Purchases of $40-50 billion.', 40e9, 'USD'), valueHigh: 50e9 }))).not.toContain('range-lost');
    expect(signs(figureSuspects(figure('88 billion Hong Kong dollars', 'It raised 88 billion Hong Kong dollars.', 88e9, 'USD', 'raised')))).toContain('currency');
    expect(signs(figureSuspects(figure('88 billion Hong Kong dollars', 'It raised 88 billion Hong Kong dollars.', 88e9, 'HKD', 'raised')))).toEqual([]);
  });

  it('quotes: fragments, titles of works, agencies and kinds of speaker, bare names', () => {
    const names = [{ name: 'Tim Cook', type: 'person' as const, variants: ['Cook', 'Tim Cook'] }, { name: 'Apple', type: 'organization' as const, variants: ['Apple'] }];
    const statement = 'We will keep building the products our customers love, here and in China.';
    expect(signs(quoteSuspects({ text: 'deeply concerned', speaker: 'Tim Cook' }, names))).toContain('fragment');
    expect(signs(quoteSuspects({ text: 'I almost died there', speaker: 'Tim Cook' }, names))).toEqual([]);
    expect(signs(quoteSuspects({ text: 'What A Fool Believes', speaker: 'Michael McDonald' }, names))).toContain('title-of-work');
    expect(signs(quoteSuspects({ text: statement, speaker: 'Afp' }, names))).toContain('agency-speaker');
    expect(signs(quoteSuspects({ text: statement, speaker: 'statement' }, names))).toContain('speaker-not-named');
    expect(signs(quoteSuspects({ text: statement, speaker: 'Office' }, names))).toContain('speaker-not-named');
    expect(quoteSuspects({ text: statement, speaker: 'Cook' }, names)[0]?.why).toMatch(/Tim Cook/);
    expect(signs(quoteSuspects({ text: statement, speaker: 'Apple' }, names))).toEqual([]);
    expect(signs(quoteSuspects({ text: statement, speaker: 'Tim Cook' }, names))).toEqual([]);
    expect(signs(quoteSuspects({ text: statement, speaker: 'a spokesperson for CBP' }, names, true))).toEqual([]);
  });

  it('headlines: raw entities, captions, datelines, site names, cuts', () => {
    expect(signs(headlineSuspects("Investors don&#39;t know"))).toContain('raw-entity');
    expect(signs(headlineSuspects('AT&T and Verizon raise prices'))).toEqual([]);
    expect(signs(headlineSuspects('Image copyright Met Police Image caption Officers at the scene'))).toContain('caption');
    expect(signs(headlineSuspects('Hong Kong (CNN Business)A muddled view of trade talks'))).toContain('dateline');
    expect(signs(headlineSuspects('Nadal keeps Spain alive - Sportsnet.ca', { url: 'https://www.sportsnet.ca/tennis/x' }))).toContain('site-name');
    expect(signs(headlineSuspects('Review - shoots for the moon', { url: 'https://www.vg247.com/x' }))).toEqual([]);
    expect(signs(headlineSuspects('Senate votes on the bill backed by Sen.'))).toContain('cut');
  });

  it('outlets and briefs', () => {
    expect(signs(outletSuspects('Blogger'))).toContain('outlet');
    expect(signs(outletSuspects('nj'))).toContain('outlet');
    expect(signs(outletSuspects('TheHill | The Hill'))).toContain('outlet');
    expect(outletSuspects('The Hill')).toEqual([]);
    expect(signs(standaloneSuspects("Unfortunately, in Taylor's case, the doctors had no clue."))).toContain('needs-context');
    expect(standaloneSuspects('The doctors who first saw Joe Taylor had no clue as to the cause.')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { chooseHeadline, cleanTitle, compressSentence, isUsableTitle } from '../../src/summarize/headline.js';
import { cleanArticle, sentencesOf } from './helpers.js';

describe('cleanTitle and isUsableTitle', () => {
  it('removes tags such as "BREAKING:"', () => {
    expect(cleanTitle('BREAKING: Rubio meets Lavrov in Malaysia')).toBe('Rubio meets Lavrov in Malaysia');
    expect(cleanTitle('Update 2 - Rubio meets Lavrov in Malaysia.')).toBe('Rubio meets Lavrov in Malaysia');
    expect(cleanTitle('BREAKING NEWS: Chelsea Activate £71.6m Release Clause')).toBe('Chelsea Activate £71.6m Release Clause');
  });

  it('rejects error pages, file stems and one-word titles', () => {
    expect(isUsableTitle('403 Forbidden page')).toBe(false);
    expect(isUsableTitle('000_05e9f8036be27b38')).toBe(false);
    expect(isUsableTitle('Ukraine')).toBe(false);
    expect(isUsableTitle('Lavrov, Rubio Discuss Ukraine Conflict')).toBe(true);
    expect(isUsableTitle('Home')).toBe(false);
    expect(isUsableTitle('Home Depot Stock Falls After Earnings Report Disappoints')).toBe(true);
  });
});

describe('chooseHeadline', () => {
  const body = sentencesOf('b', [
    'Rubio and Lavrov met in Kuala Lumpur to discuss a peace deal for Ukraine.',
    'Rubio said Lavrov shared a new idea on Ukraine during the meeting.',
  ]);

  it('picks the title closest to what the articles say', () => {
    const articles = [
      cleanArticle('a', 'Markets close higher on strong earnings day', 'X', null),
      cleanArticle('b', "Rubio says Lavrov shared 'new idea' on Ukraine", 'Y', null),
    ];
    expect(chooseHeadline(articles, body, null)).toBe("Rubio says Lavrov shared 'new idea' on Ukraine");
  });

  it('falls back to the compressed lead sentence without usable titles', () => {
    const articles = [cleanArticle('a', '', null, null)];
    const lead = 'Rubio and Lavrov met in Kuala Lumpur on Thursday, which was their second meeting this year, officials said.';
    const headline = chooseHeadline(articles, body, lead);
    expect(headline).toBe('Rubio and Lavrov met in Kuala Lumpur on Thursday');
  });

  it('caps a compressed sentence at the headline length', () => {
    const long = `${Array.from({ length: 30 }, (_unused, index) => `word${index}`).join(' ')}.`;
    expect(compressSentence(long).split(/\s+/).length).toBeLessThanOrEqual(16);
  });
});

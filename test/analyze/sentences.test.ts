import { describe, expect, it } from 'vitest';
import { paragraphsOf, splitParagraph, splitSentences } from '../../src/analyze/sentences.js';

describe('splitSentences', () => {
  it('splits plain prose on terminal punctuation', () => {
    expect(splitSentences('The talks ended. Both sides left! Will they return? Nobody knows.')).toEqual([
      'The talks ended.',
      'Both sides left!',
      'Will they return?',
      'Nobody knows.',
    ]);
  });

  it('does not split after U.S., U.N., Mr., Dr. or initials', () => {
    expect(splitSentences('The U.S. Secretary of State met Mr. Lavrov and the U.N. envoy. Dr. Bell spoke to J. R. R. Tolkien fans.')).toEqual([
      'The U.S. Secretary of State met Mr. Lavrov and the U.N. envoy.',
      'Dr. Bell spoke to J. R. R. Tolkien fans.',
    ]);
  });

  it('splits after a dotted acronym when a new sentence clearly begins', () => {
    expect(splitSentences('He flew to the U.S. The talks start today.')).toEqual(['He flew to the U.S.', 'The talks start today.']);
  });

  it('keeps month abbreviations before a day number', () => {
    expect(splitSentences('It happened on Jan. 5 in Kyiv. Then it rained.')).toEqual(['It happened on Jan. 5 in Kyiv.', 'Then it rained.']);
  });

  it('keeps decimals and money amounts whole', () => {
    expect(splitSentences('Donors pledged €10bn (£8.6bn), with €2.3bn from Brussels and $1.5 million from others. Work starts soon.')).toEqual([
      'Donors pledged €10bn (£8.6bn), with €2.3bn from Brussels and $1.5 million from others.',
      'Work starts soon.',
    ]);
  });

  it('does not split on ellipses', () => {
    expect(splitSentences('He waited... Then nothing happened… And that was all.')).toEqual([
      'He waited... Then nothing happened… And that was all.',
    ]);
  });

  it('never splits inside quotation marks that continue', () => {
    const text = `"It's not a new approach. It's a new idea," Rubio told reporters. He left.`;
    expect(splitSentences(text)).toEqual([`"It's not a new approach. It's a new idea," Rubio told reporters.`, 'He left.']);
    const curly = '“We need a roadmap. We need it now,” Rubio stated. Lavrov agreed.';
    expect(splitSentences(curly)).toEqual(['“We need a roadmap. We need it now,” Rubio stated.', 'Lavrov agreed.']);
  });

  it('ends the sentence after a quote whose period is inside the marks', () => {
    expect(splitSentences('He said: "We are done." The meeting ended.')).toEqual(['He said: "We are done."', 'The meeting ended.']);
    expect(splitSentences('Lavrov said “the results will be published soon.” He did not say when.')).toEqual([
      'Lavrov said “the results will be published soon.”',
      'He did not say when.',
    ]);
  });

  it('does not end a sentence at a question inside a quote followed by the attribution', () => {
    expect(splitSentences('"Why now?" she asked. Nobody answered.')).toEqual(['"Why now?" she asked.', 'Nobody answered.']);
  });

  it('works per paragraph: a headline line never runs into the body', () => {
    expect(splitSentences('Rubio meets Lavrov\n\nThe two met on Thursday. They talked.')).toEqual([
      'Rubio meets Lavrov',
      'The two met on Thursday.',
      'They talked.',
    ]);
  });

  it('ignores an unmatched quote mark instead of swallowing the paragraph', () => {
    expect(splitParagraph('He said "this is it. Then he left.')).toEqual(['He said "this is it.', 'Then he left.']);
  });
});

describe('paragraphsOf', () => {
  it('rejoins hard-wrapped lines that continue in lower case', () => {
    expect(paragraphsOf('The minister said the talks\nwould continue.\nNext Headline')).toEqual([
      'The minister said the talks would continue.',
      'Next Headline',
    ]);
  });
});

describe('splitSentences with tokenized quotes', () => {
  it("does not split inside ``...'' and splits after a closing ''", () => {
    expect(splitSentences("`` It is over. We lost , '' he said. `` Fine. '' Then silence.")).toEqual([
      "`` It is over. We lost , '' he said.",
      "`` Fine. ''",
      'Then silence.',
    ]);
  });
});

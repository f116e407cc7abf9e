import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { franc } from 'franc-min';
import { data } from 'franc-min/data.js';
import { describe, expect, it } from 'vitest';
import { expressions } from 'franc-min/expressions.js';
import { latinCount, trigramLanguage } from '../../src/text/trigram-language.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { fixturesDir, seedsDir } from '../helpers.js';

/** franc's own answer, the reference. */
const reference = (text: string, minLength: number) => franc(text, { minLength });

/** Every text file under a folder, recursively. */
function textsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:txt|md)$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** Paragraphs of the scripts other than Latin, each of which franc settles a different way. */
const OTHER_SCRIPTS: Record<string, string> = {
  rus: 'Парламент в четверг принял новый закон, который ужесточает правила аренды жилья в крупных городах, после многих месяцев протестов арендаторов, которые говорили, что больше не могут позволить себе жить там, где работают.',
  ukr: 'Парламент у четвер ухвалив новий закон, який посилює правила оренди житла у великих містах, після багатьох місяців протестів орендарів, які казали, що більше не можуть дозволити собі жити там, де працюють.',
  arb: 'أقر البرلمان يوم الخميس قانونا جديدا يشدد قواعد الإيجار في المدن الكبرى بعد شهور من احتجاجات المستأجرين الذين قالوا إنهم لم يعودوا قادرين على العيش حيث يعملون.',
  hin: 'संसद ने गुरुवार को एक नया कानून पारित किया जो बड़े शहरों में किराए के नियमों को सख्त करता है, किरायेदारों के महीनों के विरोध के बाद जिन्होंने कहा कि वे अब वहां रहने का खर्च नहीं उठा सकते जहां वे काम करते हैं।',
  ell: 'Το κοινοβούλιο ψήφισε την Πέμπτη νέο νόμο που αυστηροποιεί τους κανόνες για τα ενοίκια στις μεγάλες πόλεις, μετά από μήνες διαμαρτυριών των ενοικιαστών.',
  cmn: '议会周四通过了一项新法律，收紧了大城市的租金规则。此前租户抗议了几个月，他们说再也负担不起在工作的地方生活。',
  jpn: '議会は木曜日、大都市の家賃に関する規則を厳しくする新しい法律を可決した。借家人たちは何か月も抗議していた。',
};

describe('trigramLanguage', () => {
  it('gives franc\'s answer on every article of the fixtures and seeds, whole and in parts', () => {
    const texts = [...textsUnder(fixturesDir), ...textsUnder(seedsDir)];
    expect(texts.length).toBeGreaterThan(10);
    const answers = new Set<string>();
    for (const text of texts) {
      const parts = [text.slice(0, 600), text.slice(0, 3000), text.slice(text.length >> 1), ...text.split(/\n+/).slice(0, 8)];
      for (const part of parts) {
        for (const minLength of [1, 400]) {
          const expected = reference(part, minLength);
          answers.add(expected);
          expect(trigramLanguage(part, minLength), part.slice(0, 80)).toBe(expected);
        }
      }
    }
    // The fixtures hold English and other languages, and texts too short to tell.
    expect(answers).toContain('eng');
    expect(answers).toContain('und');
    expect(answers.size).toBeGreaterThan(3);
  });

  it('gives franc\'s answer in the other scripts: one-language scripts, Cyrillic, Arabic, Devanagari', () => {
    for (const [language, text] of Object.entries(OTHER_SCRIPTS)) {
      expect(trigramLanguage(text, 10), language).toBe(reference(text, 10));
      expect(trigramLanguage(text, 10), language).toBe(language);
    }
  });

  it('weighs scripts as franc does when no script holds most of the text', () => {
    // Latin under half the text: the script with most characters wins, Latin or not.
    const mixed = [
      `${OTHER_SCRIPTS.rus!.slice(0, 120)} The parliament passed a new law on Thursday on rents.`,
      `The parliament passed a new law on Thursday on rents. ${OTHER_SCRIPTS.arb!.slice(0, 60)} 1234567890 !!!`,
      `${'1234 '.repeat(30)} Mietrecht ${OTHER_SCRIPTS.ell!.slice(0, 30)}`,
    ];
    for (const text of mixed) expect(trigramLanguage(text, 10)).toBe(reference(text, 10));
  });

  it('says "und" where franc does: too short, or no letters of a known script', () => {
    expect(trigramLanguage('Lavrov met Rubio.', 400)).toBe('und');
    expect(trigramLanguage('', 0)).toBe('und');
    const noLetters = '12 345 678 -- 9.10 / 11:12 '.repeat(20);
    expect(reference(noLetters, 10)).toBe('und');
    expect(trigramLanguage(noLetters, 10)).toBe('und');
  });

  it('breaks a tie as franc does, for the first language in its order', () => {
    // No trigram of this text is in any Latin model: every language is as far, and franc keeps its first.
    const nowhere = 'qxzj vqxk zjqx '.repeat(40);
    expect(reference(nowhere, 10)).toBe(Object.keys(data.Latin!)[0]);
    expect(trigramLanguage(nowhere, 10)).toBe(reference(nowhere, 10));
  });

  it('gives franc\'s answer on texts made of the models\' own trigrams, close calls between languages included', () => {
    const random = seededRandom(16);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    for (const script of Object.keys(data)) {
      const models = Object.values(data[script]!).map((model) => model.split('|'));
      for (let sample = 0; sample < 150; sample++) {
        // Words from two or three languages' common trigrams; a small vocabulary, so a trigram occurs up to tens of
        // times (more often than its rank, where franc's count-minus-rank distance turns) and distances come out close.
        const chosen = [pick(models), pick(models), pick(models)].slice(0, 2 + Math.floor(random() * 2));
        const vocabulary = Array.from({ length: 3 + Math.floor(random() * 30) }, () => {
          const trigrams = pick(chosen).slice(0, 5 + Math.floor(random() * 100));
          return pick(trigrams).trim() + pick(trigrams).trim();
        });
        const words: string[] = [];
        while (words.join(' ').length < 200 + random() * 500) words.push(pick(vocabulary));
        const text = words.join(' ');
        expect(trigramLanguage(text, 10), `${script}: ${text.slice(0, 60)}`).toBe(reference(text, 10));
      }
    }
  });
});

describe('latinCount', () => {
  const byRegex = (text: string) => text.match(expressions.Latin!)?.length ?? 0;
  // U+10780.. (\uD801\uDF80..) and U+1DF00.. (\uD837\uDF00..) are Latin beyond the BMP; U+10400 (\uD801\uDC00) is not.
  const pieces = ['a', 'Z', 'é', 'ǅ', 'ﬀ', 'Ａ', ' ', '\t', '1', '.', 'Ж', '東', '\uD801\uDF80', '\uD837\uDF00', '\uD801\uDC00', '\uD801', '\uDF80', '\uD837', '🙂'];

  it('counts what franc\'s Latin expression matches', () => {
    for (const text of ['', '   ', 'Plain text', 'Zürich ǅ ﬀ Ａ', '\uD801\uDF80\uD837\uDF2A', '\uD801\uD801\uDF80', '\uDF80\uD801']) {
      expect(latinCount(text), JSON.stringify(text)).toBe(byRegex(text));
    }
    expect(latinCount('a\uD801\uDF80\uD801\uDC00')).toBe(2);
  });

  it('agrees with the expression on random mixes of letters, pairs and lone surrogates', () => {
    const random = seededRandom(11);
    for (let sample = 0; sample < 500; sample++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(latinCount(text), JSON.stringify(text)).toBe(byRegex(text));
    }
  });
});

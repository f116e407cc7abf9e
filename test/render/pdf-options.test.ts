import { describe, expect, it } from 'vitest';
import { pdfOptionsFor } from '../../src/render/pdf-options.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';

describe('pdfOptionsFor', () => {
  it("lists the day's most mentioned names as the PDF's keywords, never headlines, at most 15", () => {
    const entity = sampleBriefing.entities[0]!;
    const entities = Array.from({ length: 20 }, (_, i) => ({ ...entity, id: `e-${i}`, name: `Name ${i}` }));
    const keywords = pdfOptionsFor({ ...sampleBriefing, entities }, 'a4').metadata.keywords;
    expect(keywords).toEqual(entities.slice(0, 15).map((e) => e.name));
    const few = pdfOptionsFor(sampleBriefing, 'a4').metadata.keywords;
    expect(few).toEqual(sampleBriefing.entities.slice(0, 15).map((e) => e.name));
    for (const thread of sampleBriefing.threads) expect(few).not.toContain(thread.headline);
  });
});

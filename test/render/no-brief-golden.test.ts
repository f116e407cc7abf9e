import { describe, expect, test } from 'vitest';
import { renderEmail } from '../../src/render/email.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';

/**
 * A briefing whose threads are all shown in full renders exactly as it did before threads could be shown in
 * brief: the files under golden/ were written by the renderers of that time (commit cc56f51) from the sample
 * briefing. The page's <style> blocks are left out of the comparison: a theme's sheets carry the rules of every
 * part it can show, including the "Also reported" list, and would otherwise hide the markup in a large diff.
 * A deliberate change to how full threads are shown is written back with `npx vitest run -u` and reviewed as a diff.
 */

const golden = (name: string) => `./golden/no-brief/${name}`;

/** The markup without the sheets' text (the <style> elements stay, empty). */
function withoutStyleText(html: string): string {
  return html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/g, '$1$2');
}

describe('a briefing without threads in brief renders as before', () => {
  for (const theme of ['default', 'compact', 'newsletter']) {
    test(`${theme}: the HTML page and the e-mail body`, async () => {
      const html = String((await renderHtml(sampleBriefing, { theme, editorNote: 'A *quiet* day.' })).content);
      await expect(withoutStyleText(html)).toMatchFileSnapshot(golden(`${theme}.html`));
      const email = await renderEmail(sampleBriefing, { theme, edition: 'morning', attachmentName: 'briefing-2025-07-10.pdf' });
      await expect(email.html).toMatchFileSnapshot(golden(`${theme}.email.html`));
      // The text part is written from the model, the same for every theme.
      await expect(email.text).toMatchFileSnapshot(golden('email.txt'));
    });
  }

  test('Markdown', async () => {
    await expect(String(renderMarkdown(sampleBriefing).content)).toMatchFileSnapshot(golden('briefing.md'));
  });
});

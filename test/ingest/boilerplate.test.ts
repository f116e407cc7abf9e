import { describe, expect, it } from 'vitest';
import { pruneBoilerplate } from '../../src/ingest/boilerplate.js';
import { htmlToText } from '../../src/ingest/html-to-text.js';
import { parseStrippedHtml } from '../../src/ingest/prepare-dom.js';

const prose = 'The committee published its findings on Friday after a two-year inquiry into the collapse of the regional bank. ';

function pruned(body: string): string {
  // Parsed as the program parses pages.
  const content = parseStrippedHtml(`<div id="content">${body}</div>`)!.document.getElementById('content')!;
  pruneBoilerplate(content);
  return htmlToText(content).replace(/\s+/g, ' ');
}

describe('pruneBoilerplate', () => {
  it('removes small furniture named by tag or class segment', () => {
    const text = pruned(`<div class="article__header">World | 2 hours ago</div><p>${prose.repeat(3)}</p><figure><img src="x.jpg"><figcaption>A caption</figcaption></figure><div class="bylineBox">Jo Bloggs</div>`);
    expect(text).toBe(prose.repeat(3).trim());
  });

  it('keeps elements whose class only contains a furniture word, and wrappers holding most of the text', () => {
    const text = pruned(`<h3 class="subheader">What happens next</h3><div class="media-body"><p>${prose.repeat(3)}</p></div>`);
    expect(text).toBe(`What happens next ${prose.repeat(3).trim()}`);
  });

  it('removes link-only teasers but keeps paragraphs with a link inside prose', () => {
    const text = pruned(`<p>${prose.repeat(3)}</p><p>Related: <a href="/x">Bank chief resigns</a></p><ul><li><a href="/y">Five things to know</a></li></ul><p>The report, <a href="/r">published online</a>, runs to 400 pages.</p>`);
    expect(text).toBe(`${prose.repeat(3).trim()} The report, published online, runs to 400 pages.`);
  });

  it('keeps quoted posts even inside small social wrappers', () => {
    const text = pruned(`<p>${prose.repeat(3)}</p><div class="social-embed"><blockquote>We will appeal the decision. — Bank (@bank)</blockquote></div>`);
    expect(text).toContain('We will appeal the decision.');
  });
});

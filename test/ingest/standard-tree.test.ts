import { afterAll, describe, expect, it } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { parseStrippedHtml } from '../../src/ingest/prepare-dom.js';

/**
 * The elements and texts of a document, in order: what the extraction reads. Attributes are left out (the class
 * list's spelling differs between DOMs, not what it says), comments too (the page is read without them). Plain
 * JavaScript source, run the same in this process and in the browser.
 */
const OUTLINE_SOURCE = `function outline(node) {
  if (node.nodeType === 3) return node.data;
  if (node.nodeType !== 1) return '';
  const tag = node.tagName.toUpperCase();
  return '<' + tag + '>' + Array.from(node.childNodes, outline).join('') + '</' + tag + '>';
}`;
const outline = new Function(`return ${OUTLINE_SOURCE}`)() as (node: Node) => string;

// Markup a browser repairs by the HTML standard's rules, each case one rule real pages lean on.
const CASES: Record<string, string> = {
  'optional tags left out (minified pages)': '<!doctype html><meta charset=utf-8><title>T</title><p>One<p>Two<ul><li>a<li>b</ul>',
  'a bare fragment': '<p>First paragraph</p>Loose text<p>Second',
  'text inside a table goes before it': '<div><table>stray text<tr><td>cell</td></tr></table>after</div>',
  'misnested formatting': '<p><b>bold <i>both</b> italic</i> plain</p>',
  'a link inside a link': '<p><a href="/1">one <a href="/2">two</a> three</a></p>',
  'a block inside a paragraph closes it': '<p>Lead<div>Block</div>Tail</p>',
  'a table inside a paragraph without a doctype (quirks)': '<p>Before<table><tr><td>In</td></tr></table>After</p>',
  'headings do not nest': '<h2>One<h3>Two</h3></h2>',
  'content after </body> and </html>': '<html><body><p>In</p></body></html><p>After the end</p>',
  'noscript with JavaScript off': '<body><noscript><p>Shown without JavaScript</p></noscript><p>Text</p></body>',
  'a template (its content inert, never shown)': '<body><template><p>Held apart</p></template><p>Visible</p></body>',
  'a title inside the body': '<!doctype html><html><head></head><body><p>Text</p><title> Late\n title </title></body></html>',
};

describe('HTML pages are read into the tree a browser builds', () => {
  const browser = new BrowserManager({ maxJobsPerBrowser: 100 });
  afterAll(() => browser.close());

  it('matches Chromium (JavaScript off) on markup repaired by the standard, and on the body written back into itself', async () => {
    // What a page tells: its tree, its title, and its tree once the body's markup is written back into the body (as
    // Readability does when it tries the page again).
    const SHOW = `(() => { const outline = ${OUTLINE_SOURCE}; const tree = outline(document.documentElement); const title = document.title;
      document.body.innerHTML = document.body.innerHTML; return { tree, title, rewritten: outline(document.documentElement) }; })()`;
    const ours = Object.fromEntries(
      Object.entries(CASES).map(([name, html]) => {
        const { document } = parseStrippedHtml(html)!;
        const shown = { tree: outline(document.documentElement), title: document.title };
        document.body.innerHTML = document.body.innerHTML;
        return [name, { ...shown, rewritten: outline(document.documentElement) }];
      }),
    );
    const chromium = await browser.withPage(async (page) => {
      const shown: Record<string, unknown> = {};
      for (const [name, html] of Object.entries(CASES)) {
        await page.setContent(html);
        shown[name] = await page.evaluate(SHOW);
      }
      return shown;
    });
    expect(ours).toEqual(chromium);
    // The cases are not trivial: each repaired tree differs from the markup as written.
    expect(ours['text inside a table goes before it']!.tree).toContain('<DIV>stray text<TABLE>');
    expect(ours['optional tags left out (minified pages)']!.tree).toContain('<BODY><P>One</P><P>Two</P><UL><LI>a</LI><LI>b</LI></UL></BODY>');
    expect(ours['a title inside the body']!.title).toBe('Late title');
  });
});

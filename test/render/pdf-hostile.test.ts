import { afterAll, beforeAll, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { renderPdfDetailed } from '../../src/render/pdf.js';
import { readPdf, startRecordingServer } from '../browser/helpers.js';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
let browser: BrowserManager;
beforeAll(async () => {
  server = await startRecordingServer();
  browser = new BrowserManager();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

function hostileHtml(base: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${base}/link.css">
<link rel="preload" as="image" href="${base}/preload.png">
<link rel="icon" href="${base}/favicon.ico">
<style>
@import url(${base}/import.css);
@font-face { font-family: Remote; src: url(${base}/font.woff2); }
body { background: url(${base}/y); font-family: Remote, serif; }
</style>
<base href="${base}/base/">
<meta http-equiv="refresh" content="0; url=${base}/refresh">
</head><body>
<h1>Hostile article</h1>
<p id="target">ORIGINAL TEXT</p>
<script>document.getElementById('target').textContent = 'SCRIPT RAN'; document.body.insertAdjacentHTML('beforeend', '<p>INJECTED BY SCRIPT</p>'); fetch('${base}/fetch');</script>
<img src="${base}/x">
<img src="relative.png">
<img src="${PIXEL}" alt="inline pixel">
<img src="nonexistent:" onerror="document.body.innerHTML = 'ONERROR RAN'">
<iframe src="${base}/frame"></iframe>
<iframe srcdoc="<p>FRAME SCRIPT</p><script>parent.document.body.innerHTML='FRAME RAN'</script>"></iframe>
<object data="${base}/object"></object>
<video poster="${base}/poster.png" src="${base}/video.mp4"></video>
<svg width="10" height="10"><image href="${base}/svg.png" width="10" height="10"/></svg>
<a href="javascript:document.body.innerHTML='LINK RAN'">a javascript: link</a>
<form action="${base}/form"><input type="image" src="${base}/input.png"></form>
<p>END OF ARTICLE</p>
</body></html>`;
}

test('a hostile page: no request reaches the network, no script runs, the text is still printed', async () => {
  const base = `http://127.0.0.1:${server.port}`;
  const report = await renderPdfDetailed(
    hostileHtml(base),
    {
      filename: 'hostile.pdf',
      paper: 'a4',
      title: 'Hostile',
      headerText: `<img src="${base}/header.png">`,
      footerStamp: `<img src="${base}/footer.png"> stamp`,
      metadata: { title: 'Hostile', subject: '', keywords: [], creator: 'test', creationDate: new Date('2025-01-01T00:00:00Z') },
    },
    browser,
  );
  // Give a late request (a lazy image, a refresh) time to arrive before concluding there was none.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(server.requests).toEqual([]);

  const pdf = await readPdf(report.output.content);
  const text = pdf.pages.map((p) => p.text).join('\n');
  expect(text).toContain('ORIGINAL TEXT');
  expect(text).toContain('END OF ARTICLE');
  for (const marker of ['SCRIPT RAN', 'INJECTED BY SCRIPT', 'ONERROR RAN', 'FRAME RAN', 'LINK RAN']) expect(text).not.toContain(marker);
  // The header and footer templates show the markup as text instead of loading it.
  expect(text).toContain(`<img src="${base}/header.png">`);
  expect(text).toContain(`<img src="${base}/footer.png"> stamp`);

  // The page did try: the attempts were refused and counted (data: URLs are not network requests).
  expect(report.blockedRequests.length).toBeGreaterThanOrEqual(3);
  expect(report.blockedRequests.filter((url) => !url.startsWith(`${base}/`))).toEqual(['nonexistent:']);
  expect(report.blockedRequests).toEqual(expect.arrayContaining([`${base}/link.css`, `${base}/x`, `${base}/base/relative.png`, `${base}/refresh`]));
  expect(report.blockedRequests.some((url) => url.startsWith('data:'))).toBe(false);
  expect(browser.stats().blockedRequests).toBeGreaterThanOrEqual(report.blockedRequests.length);
});

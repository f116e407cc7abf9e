import { relative } from 'node:path';
import { escapeHtml } from '../render/helpers.js';
import type { ThemeProblem } from './walk.js';

/**
 * The preview's own pages. The briefing itself is served untouched in an iframe: its layout carries a CSP
 * meta with default-src 'none', which no injected script (nonce or not) could pass, and which must stay in
 * the theme. The shell page around it is the only page with script, allowed by a per-response nonce.
 */

export function shellPage(options: { nonce: string; themeName: string; version: number; watch: boolean; pdf: boolean }): string {
  const { nonce, themeName, version, watch, pdf } = options;
  const script = watch
    ? `<script nonce="${nonce}">
(() => {
  const frame = document.getElementById('briefing');
  const status = document.getElementById('status');
  let shown = document.body.dataset.version;
  let scroll = 0;
  frame.addEventListener('load', () => { try { frame.contentWindow.scrollTo(0, scroll); } catch {} });
  const events = new EventSource('/events');
  events.addEventListener('version', (event) => {
    status.textContent = 'watching';
    if (event.data === shown) return;
    shown = event.data;
    try { scroll = frame.contentWindow.scrollY; } catch { scroll = 0; }
    frame.src = '/briefing.html?v=' + encodeURIComponent(event.data);
  });
  events.addEventListener('error', () => { status.textContent = 'reconnecting'; });
})();
</script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${escapeHtml(themeName)}</title>
<style nonce="${nonce}">
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; font: 14px/1.4 system-ui, sans-serif; }
.preview-bar { display: flex; gap: 1rem; align-items: center; padding: 0.4rem 0.8rem; background: #1b1b1a; color: #fcfbf8; }
.preview-bar a { color: #fcfbf8; }
.preview-bar .status { margin-left: auto; opacity: 0.7; }
iframe { flex: 1; border: 0; width: 100%; }
</style>
</head>
<body data-version="${version}">
<div class="preview-bar" role="toolbar" aria-label="Preview">
  <strong>Preview: ${escapeHtml(themeName)}</strong>
  ${pdf ? '<a href="/briefing.pdf" target="_blank" rel="noopener">Open the PDF</a>' : ''}
  <span id="status" class="status">${watch ? 'connecting' : 'not watching: reload to see changes'}</span>
</div>
<iframe id="briefing" name="briefing" title="Briefing" src="/briefing.html?v=${version}" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
${script}
</body>
</html>`;
}

/** Shown in place of the briefing when the theme cannot render: every problem with file:line:column. */
export function errorPage(options: { themeDir: string; message: string; problems: ThemeProblem[] }): string {
  const where = (p: ThemeProblem) => `${relative(options.themeDir, p.file) || p.file}:${p.line}:${p.column}`;
  const items = options.problems
    .map((p) => `<li><code>${escapeHtml(where(p))}</code> <span class="kind">${escapeHtml(p.kind)}</span> ${escapeHtml(p.message)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Theme error</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #1b1b1a; } h1 { color: #8c1c13; font-size: 1.4rem; }
pre, code { font-family: ui-monospace, monospace; } pre { white-space: pre-wrap; background: #f3f0e9; padding: 1rem; }
.kind { color: #6b665e; }</style>
</head>
<body>
<h1>The theme cannot be rendered</h1>
${items ? `<ul class="problems">\n${items}\n</ul>` : ''}
<pre>${escapeHtml(options.message)}</pre>
<p>Fix the file and save: the preview reloads by itself.</p>
</body>
</html>`;
}

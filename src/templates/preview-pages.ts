import { relative } from 'node:path';
import { escapeHtml } from '../text/markup.js';
import type { ThemeProblem } from './walk.js';

/**
 * The preview's own pages. The briefing itself is served untouched in an iframe: its layout carries a CSP
 * meta with default-src 'none', which no injected script (nonce or not) could pass, and which must stay in
 * the theme. The shell page around it is the only page with script, allowed by a per-response nonce.
 */

export interface ShellOptions {
  nonce: string;
  themeName: string;
  /** What briefing is shown ("the built-in sample", "edition morning of 2025-07-11"...). */
  label: string;
  version: number;
  watch: boolean;
  /** Whether an e-mail pane is wired (PreviewOptions.renderEmail). */
  email: boolean;
  /** The theme's warnings (unknown fields, {{{ }}}), as generate would print them. */
  warnings: string[];
}

/**
 * The HTML and the PDF side by side (and the e-mail when wired). The HTML and e-mail panes are sandboxed
 * without scripts; the PDF pane is not, as Chromium's PDF viewer refuses to run in a sandboxed frame (the
 * PDF is ours, printed from the same HTML).
 */
export function shellPage(options: ShellOptions): string {
  const { nonce, themeName, label, version, watch, email, warnings } = options;
  const script = watch
    ? `<script nonce="${nonce}">
(() => {
  const frames = [['briefing', '/briefing.html'], ['pdf', '/briefing.pdf'], ['email', '/email.html']]
    .map(([id, path]) => [document.getElementById(id), path]).filter(([frame]) => frame);
  const status = document.getElementById('status');
  const problems = document.getElementById('problems');
  let shown = document.body.dataset.version;
  let scroll = 0;
  const html = document.getElementById('briefing');
  html.addEventListener('load', () => { try { html.contentWindow.scrollTo(0, scroll); } catch {} });
  const showProblems = async (version) => {
    try {
      const { warnings } = await (await fetch('/problems?v=' + encodeURIComponent(version))).json();
      problems.replaceChildren(...warnings.map((w) => { const li = document.createElement('li'); li.textContent = w; return li; }));
      problems.hidden = warnings.length === 0;
    } catch {}
  };
  const events = new EventSource('/events');
  events.addEventListener('version', (event) => {
    status.textContent = 'watching';
    if (event.data === shown) return;
    shown = event.data;
    try { scroll = html.contentWindow.scrollY; } catch { scroll = 0; }
    for (const [frame, path] of frames) frame.src = path + '?v=' + encodeURIComponent(event.data);
    void showProblems(event.data);
  });
  events.addEventListener('status', (event) => { status.textContent = event.data; });
  events.addEventListener('error', () => { status.textContent = 'reconnecting'; });
})();
</script>`
    : '';
  const items = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n');
  // The theme's e-mail (html in a sandboxed frame, the text part one click away).
  const emailPane = email
    ? `<section class="pane" aria-label="E-mail"><h2>E-mail <a href="/email.txt" target="_blank" rel="noopener">text</a></h2>
<iframe id="email" name="email" title="E-mail" src="/email.html?v=${version}" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe></section>`
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
.preview-bar .label { opacity: 0.8; }
.preview-bar .status { margin-left: auto; opacity: 0.7; }
.problems { margin: 0; padding: 0.4rem 0.8rem 0.4rem 2rem; background: #fbeee0; color: #5a2d0c; font: 13px/1.4 ui-monospace, monospace; max-height: 8rem; overflow: auto; }
.panes { flex: 1; display: flex; min-height: 0; }
.pane { flex: 1; display: flex; flex-direction: column; min-width: 0; border-left: 1px solid #d8d3c8; }
.pane h2 { margin: 0; padding: 0.2rem 0.8rem; font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; background: #f3f0e9; }
iframe { flex: 1; border: 0; width: 100%; }
</style>
</head>
<body data-version="${version}">
<div class="preview-bar" role="toolbar" aria-label="Preview">
  <strong>Preview: ${escapeHtml(themeName)}</strong>
  ${label ? `<span class="label">${escapeHtml(label)}</span>` : ''}
  <a href="/briefing.pdf" target="_blank" rel="noopener">Open the PDF</a>
  <span id="status" class="status">${watch ? 'connecting' : 'not watching: reload to see changes'}</span>
</div>
<ul id="problems" class="problems" aria-label="Theme warnings"${items ? '' : ' hidden'}>${items}</ul>
<div class="panes">
<section class="pane" aria-label="HTML"><h2>HTML</h2>
<iframe id="briefing" name="briefing" title="Briefing" src="/briefing.html?v=${version}" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe></section>
<section class="pane" aria-label="PDF"><h2>PDF</h2>
<iframe id="pdf" name="pdf" title="PDF" src="/briefing.pdf?v=${version}"></iframe></section>
${emailPane}
</div>
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

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestIssues } from '../render/theme.js';
import { readThemeAssets, resolveAssetName, type AssetKind } from '../render/theme-assets.js';
import { inlineCssAssets, THEME_STYLESHEETS } from '../render/theme-css.js';
import { lineColumn } from '../text/line-column.js';
import type { ThemeSource } from './theme-files.js';
import type { Node, ThemeProblem } from './walk.js';

/**
 * The checks of `templates validate` beyond the templates' own syntax: each theme.json against the manifest
 * schema (reported at the field, with the allowed values), the assets/ files (type by content, size caps,
 * symlinks) and every reference to them (CSS url() and @import, {{asset}} calls, raw src="assets/..." markup).
 */

export interface AssetInfo {
  name: string;
  kind: AssetKind;
  mediaType: string;
  bytes: number;
  file: string;
}

/** Each theme.json's invalid fields, at the line of the field (the file's start when it cannot be found). */
export async function checkManifests(dirs: readonly string[]): Promise<ThemeProblem[]> {
  const problems: ThemeProblem[] = [];
  for (const dir of dirs) {
    const file = join(dir, 'theme.json');
    let text: string;
    let raw: unknown;
    try {
      text = await readFile(file, 'utf8');
      raw = JSON.parse(text);
    } catch {
      continue; // unreadable or not JSON: readThemeSources already reported it
    }
    for (const issue of manifestIssues(raw)) {
      const key = issue.path.split('.')[0] ?? '';
      const at = key ? new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*`).exec(text) : null;
      const where = at ? lineColumn(text, at.index + at[0].length) : { line: 1, column: 1 };
      problems.push({ file, ...where, kind: 'manifest', message: `"${issue.path || '(root)'}": ${issue.message}` });
    }
  }
  return problems;
}

/** Calls of the `asset` helper anywhere in a template (mustaches, sub-expressions, block and partial parameters). */
function assetCalls(node: unknown, into: Node[]): void {
  if (Array.isArray(node)) {
    for (const item of node) assetCalls(item, into);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as Node;
  if ((n.type === 'MustacheStatement' || n.type === 'SubExpression') && n.path?.type === 'PathExpression' && n.path.original === 'asset') into.push(n);
  for (const [key, value] of Object.entries(n)) if (key !== 'loc' && typeof value === 'object') assetCalls(value, into);
}

/** A theme file naming assets/ directly in markup: it would be a request, which the page refuses. */
const RAW_REFERENCE = /\b(?:src|href|poster|srcset)\s*=\s*["']?((?:\.{1,2}\/)*assets\/[^"'\s>]+)|url\(\s*["']?((?:\.{1,2}\/)*assets\/[^"')\s]+)/gi;

export async function checkAssets(
  dirs: readonly string[],
  templates: ReadonlyArray<ThemeSource & { body?: Node[] }>,
): Promise<{ problems: ThemeProblem[]; assets: AssetInfo[] }> {
  const { assets, problems: found } = await readThemeAssets(dirs);
  const problems: ThemeProblem[] = found.map((p) => ({ ...p, kind: 'asset' }));
  for (const themeDir of dirs) {
    for (const kind of THEME_STYLESHEETS) {
      const file = join(themeDir, 'styles', `${kind}.css`);
      let css: string;
      try {
        css = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      for (const p of inlineCssAssets(css, { file, themeDir }, assets).problems) problems.push({ ...p, kind: 'asset' });
    }
  }
  for (const template of templates) {
    const calls: Node[] = [];
    if (template.body) assetCalls(template.body, calls);
    for (const call of calls) {
      const arg = call.params?.[0];
      const where = { line: call.loc?.start.line ?? 1, column: (call.loc?.start.column ?? 0) + 1 };
      // A name computed at render time is checked when the sample is rendered.
      if (arg?.type !== 'StringLiteral' || typeof arg.value !== 'string') continue;
      const resolved = resolveAssetName(arg.value, assets);
      const message =
        'error' in resolved
          ? `{{asset}}: ${resolved.error}`
          : resolved.asset.kind === 'stylesheet' || resolved.asset.kind === 'document'
            ? `{{asset "${arg.value}"}} names a ${resolved.asset.kind}; {{asset}} is for fonts and images (@import a stylesheet from styles/*.css).`
            : null;
      if (message) problems.push({ file: template.file, ...where, kind: 'asset', message });
    }
    for (const match of template.source.matchAll(RAW_REFERENCE)) {
      const path = (match[1] ?? match[2])!.replace(/^(?:\.{1,2}\/)+/, '');
      problems.push({
        file: template.file,
        ...lineColumn(template.source, match.index),
        kind: 'asset',
        message: `"${path}" would be a request, which the rendered page refuses: write {{asset "${path.slice('assets/'.length)}"}} instead (it becomes a data: URL).`,
      });
    }
  }
  const list = assets.list().map((a) => ({ name: a.name, kind: a.kind, mediaType: a.mediaType, bytes: a.bytes.length, file: a.file }));
  return { problems, assets: list };
}

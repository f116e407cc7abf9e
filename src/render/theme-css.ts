import { lineColumn } from '../text/line-column.js';
import { resolveReference, type AssetProblem, type ThemeAssets } from './theme-assets.js';

/**
 * A theme stylesheet made self-contained: every url() that names a theme asset becomes a data: URL and every
 * @import of a stylesheet in assets/ is replaced by that sheet (its own references resolved in turn), so the
 * page policy (inline fonts and images only, every request refused) never has anything to refuse.
 */

// Comments and strings are matched first so a url( inside them is left alone.
const TOKENS =
  /\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'|@import\s*(url\(\s*(?:"[^"]*"|'[^']*'|[^)\s]*)\s*\)|"[^"]*"|'[^']*')([^;{}]*);?|\burl\(\s*("[^"]*"|'[^']*'|[^)\s"']*)\s*\)/gi;

const MAX_IMPORT_DEPTH = 8;

const unquote = (value: string) => (/^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value).trim();

/** Left as written: already inline, or a reference inside the document (an SVG filter, a fragment). */
const isInline = (value: string) => value === '' || /^data:/i.test(value) || value.startsWith('#');

export interface CssSource {
  /** The stylesheet's file (for relative references and for problems). */
  file: string;
  themeDir: string;
}

/** The stylesheets a theme may have in styles/, each checked and inlined the same way. */
export const THEME_STYLESHEETS = ['screen', 'print', 'email'] as const;

export function inlineCssAssets(css: string, source: CssSource, assets: ThemeAssets): { css: string; problems: AssetProblem[] } {
  const problems: AssetProblem[] = [];
  const out = inline(css, source, assets, problems, [source.file]);
  return { css: out, problems };
}

function inline(css: string, source: CssSource, assets: ThemeAssets, problems: AssetProblem[], stack: string[]): string {
  const report = (offset: number, message: string) => problems.push({ file: source.file, ...lineColumn(css, offset), message });
  return css.replace(TOKENS, (match: string, importTarget: string | undefined, media: string | undefined, urlValue: string | undefined, offset: number) => {
    if (importTarget !== undefined) {
      const value = unquote(importTarget.replace(/^url\(\s*|\s*\)$/gi, ''));
      const resolved = resolveReference(value, source, assets);
      if ('error' in resolved) {
        report(offset, `@import ${resolved.error}`);
        return match;
      }
      const { asset } = resolved;
      if (asset.kind !== 'stylesheet') {
        report(offset, `@import "${value}" is ${asset.mediaType}, not a stylesheet: @import only .css files from assets/.`);
        return match;
      }
      if (stack.includes(asset.file) || stack.length > MAX_IMPORT_DEPTH) {
        report(offset, `@import "${value}" imports itself (through ${stack.map((f) => f.slice(source.themeDir.length + 1)).join(' -> ')}): remove one of the @imports.`);
        return '';
      }
      const condition = (media ?? '').trim();
      if (/\b(?:layer|supports)\s*\(|^layer\b/i.test(condition)) {
        report(offset, `@import "${value}" ${condition}: only a media list may follow an @import of a theme asset; wrap the rules in @layer or @supports inside the imported file.`);
        return match;
      }
      const text = asset.bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/@charset\s+["'][^"']*["']\s*;/i, '');
      const body = inline(text, { file: asset.file, themeDir: asset.themeDir }, assets, problems, [...stack, asset.file]);
      return condition ? `@media ${condition} {\n${body}\n}` : body;
    }
    if (urlValue !== undefined) {
      const value = unquote(urlValue);
      if (isInline(value)) return match;
      const resolved = resolveReference(value, source, assets);
      if ('error' in resolved) {
        report(offset, `url(): ${resolved.error}`);
        return match;
      }
      if (resolved.asset.kind === 'stylesheet' || resolved.asset.kind === 'document') {
        report(offset, `url(${urlValue}) names a ${resolved.asset.kind}; url() is for fonts and images (a stylesheet is brought in with @import).`);
        return match;
      }
      return `url("${assets.dataUrl(resolved.asset)}")`;
    }
    return match;
  });
}

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The typefaces embedded in every HTML output as base64 `@font-face` rules, so a briefing looks the same on
 * every machine and rendering it needs no network. Latin subsets only, few weights: each face costs ~30 KB.
 */
export interface EmbeddedFont {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** Module specifier of the woff2 file. */
  file: string;
}

export const EMBEDDED_FONTS: readonly EmbeddedFont[] = [
  { family: 'Source Serif 4', weight: 400, style: 'normal', file: '@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2' },
  { family: 'Source Serif 4', weight: 400, style: 'italic', file: '@fontsource/source-serif-4/files/source-serif-4-latin-400-italic.woff2' },
  { family: 'Source Serif 4', weight: 600, style: 'normal', file: '@fontsource/source-serif-4/files/source-serif-4-latin-600-normal.woff2' },
  { family: 'Inter', weight: 400, style: 'normal', file: '@fontsource/inter/files/inter-latin-400-normal.woff2' },
  { family: 'Inter', weight: 600, style: 'normal', file: '@fontsource/inter/files/inter-latin-600-normal.woff2' },
];

const require = createRequire(import.meta.url);
let cached: Promise<string> | null = null;

async function fontFace(font: EmbeddedFont): Promise<string> {
  const data = await readFile(require.resolve(font.file));
  return [
    '@font-face {',
    `  font-family: '${font.family}';`,
    `  font-style: ${font.style};`,
    `  font-weight: ${font.weight};`,
    // block briefly so print and screenshots never catch the fallback face mid-swap
    '  font-display: block;',
    `  src: url(data:font/woff2;base64,${data.toString('base64')}) format('woff2');`,
    '}',
  ].join('\n');
}

/** The `@font-face` rules of EMBEDDED_FONTS, read once per process. */
export function embeddedFontCss(): Promise<string> {
  cached ??= Promise.all(EMBEDDED_FONTS.map(fontFace))
    .then((rules) => rules.join('\n'))
    .catch((error: unknown) => {
      cached = null;
      throw error;
    });
  return cached;
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BrandingSchema, type Branding, type DateFormat } from '../config/branding.js';
import { UsageError } from '../util/errors.js';
import { escapeHtml } from '../text/markup.js';
import { sniffMediaType } from './media-type.js';
import { builtInLabels, type Catalog, type Labels } from './labels.js';
import type { PdfOptions } from './pdf.js';

/**
 * House branding applied to any theme without touching its templates: title, logo, accent colour, a
 * classification line at the top and bottom of the document (and of every PDF page), locale and date style.
 * The configuration embeds BrandingSchema; renderHtml resolves it (reads and checks the logo) per render.
 */

/** Branding that cannot be used (a bad colour, an unreadable or unsupported logo): a usage error, exit code 2. */
export class BrandingError extends UsageError {}


export { BrandingSchema, DATE_FORMATS, isCssColour, type Branding, type DateFormat } from '../config/branding.js';

export interface ResolvedBranding {
  title?: string;
  logo?: { dataUri: string; mediaType: string };
  accentColor?: string;
  classification?: string;
  locale?: string;
  dateFormat?: DateFormat;
  labels?: Catalog;
}

/** A whole logo is inlined into every output: anything bigger is almost certainly the wrong file. */
export const MAX_LOGO_BYTES = 512 * 1024;

const LOGO_TYPES = new Set(['image/png', 'image/jpeg', 'image/svg+xml']);

function logoMediaType(bytes: Buffer): string | null {
  const type = sniffMediaType(bytes);
  return type && LOGO_TYPES.has(type) ? type : null;
}

/** Reads the logo and returns it as a data: URI; the type comes from the bytes, never the file name. */
export async function loadLogo(path: string, cwd: string = process.cwd()): Promise<{ dataUri: string; mediaType: string }> {
  const file = resolve(cwd, path);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new BrandingError(`branding.logoPath: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (bytes.length > MAX_LOGO_BYTES) {
    throw new BrandingError(`branding.logoPath: ${file} is ${bytes.length} bytes; a logo may be at most ${MAX_LOGO_BYTES} bytes.`);
  }
  const mediaType = logoMediaType(bytes);
  if (!mediaType) throw new BrandingError(`branding.logoPath: ${file} is not a PNG, JPEG or SVG image.`);
  return { dataUri: `data:${mediaType};base64,${bytes.toString('base64')}`, mediaType };
}

/** Checks the branding (a clear error naming the field) and loads its logo. */
export async function resolveBranding(input: unknown, cwd: string = process.cwd()): Promise<ResolvedBranding> {
  const parsed = BrandingSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `branding.${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new BrandingError(issues);
  }
  const { logoPath, accentColor, ...rest } = parsed.data;
  const resolved: ResolvedBranding = { ...rest };
  if (accentColor !== undefined) resolved.accentColor = accentColor.trim();
  if (logoPath !== undefined) resolved.logo = await loadLogo(logoPath, cwd);
  return resolved;
}

/** The briefing as every output should show it: the branded title replaces the configured one. */
export function brandedBriefing<T extends { title: string }>(briefing: T, branding: Pick<ResolvedBranding, 'title'>): T {
  return branding.title ? { ...briefing, title: branding.title } : briefing;
}

/** Custom properties after the theme's own: every built-in theme draws its accent from --accent. */
export function brandingCss(branding: ResolvedBranding): string {
  if (!branding.accentColor) return '';
  const c = branding.accentColor;
  return `:root { --accent: ${c}; --accent-soft: color-mix(in srgb, ${c} 12%, white); }`;
}

/** Marks a theme's own placement of the branding; without it renderHtml adds the branding to the body. */
export const BRAND_SLOT = { top: 'data-brand-slot="top"', bottom: 'data-brand-slot="bottom"' } as const;

const BAR_STYLE = 'margin:0;padding:4px 12px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:16px;font-weight:bold;letter-spacing:0.06em;text-align:center;';

/**
 * The top bar (logo, classification) and bottom line (classification). Styles are inline so they survive
 * e-mail clients that drop <style>; the logo's alt text is the title so the image is never just decoration.
 */
export function brandingMarkup(
  branding: ResolvedBranding,
  title: string,
  accent: string,
  labels: Labels = builtInLabels(branding.locale ?? 'en'),
): { top: string; bottom: string } {
  const line = (slot: 'top' | 'bottom') =>
    branding.classification
      ? `<p class="classification" style="${BAR_STYLE}color:#ffffff;background-color:${accent};">${escapeHtml(branding.classification)}</p>`
      : '';
  const logo = branding.logo
    ? `<p class="brand-logo" style="margin:0;padding:8px 12px 0;"><img src="${branding.logo.dataUri}" alt="${escapeHtml(title)}" style="display:block;max-height:48px;max-width:240px;height:auto;width:auto;border:0;"></p>`
    : '';
  const top = line('top') + logo;
  const bottom = line('bottom');
  return {
    // Labelled regions, so the marking is a landmark a screen reader can jump to and nothing sits outside one.
    top: top ? `<div class="brand brand-top" role="region" aria-label="${escapeHtml(labels.text(branding.classification ? 'brand.classification' : 'brand.logo'))}" ${BRAND_SLOT.top}>${top}</div>` : '',
    bottom: bottom ? `<div class="brand brand-bottom" role="region" aria-label="${escapeHtml(labels.text('brand.classificationEnd'))}" ${BRAND_SLOT.bottom}>${bottom}</div>` : '',
  };
}

/**
 * Puts the branding into the rendered page unless the theme placed it itself: the top right after <body>,
 * the bottom right before </body>, so any theme carries it without knowing about it.
 */
export function injectBranding(html: string, markup: { top: string; bottom: string }): string {
  let out = html;
  if (markup.top && !out.includes(BRAND_SLOT.top)) {
    const body = /<body\b[^>]*>/i.exec(out);
    out = body ? out.slice(0, body.index + body[0].length) + markup.top + out.slice(body.index + body[0].length) : markup.top + out;
  }
  if (markup.bottom && !out.includes(BRAND_SLOT.bottom)) {
    const end = out.toLowerCase().lastIndexOf('</body>');
    out = end >= 0 ? out.slice(0, end) + markup.bottom + out.slice(end) : out + markup.bottom;
  }
  return out;
}

/**
 * The PDF's running header and footer with the classification line: the PDF renderer draws those on
 * every page, so the marking survives printing a single page. (Make the PdfOptions from brandedBriefing()
 * so the header and metadata carry the branded title.)
 */
export function brandPdfOptions(options: PdfOptions, branding: Pick<ResolvedBranding, 'classification'>): PdfOptions {
  const mark = branding.classification;
  return {
    ...options,
    headerText: mark ? `${mark} · ${options.headerText}` : options.headerText,
    footerStamp: mark ? `${mark} · ${options.footerStamp}` : options.footerStamp,
  };
}

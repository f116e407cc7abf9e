import { BriefingSchema, type Briefing } from '../model/schema.js';
import { onDemand } from '../util/load-on-demand.js';
import { brandedBriefing, brandingMarkup, injectBranding, resolveBranding, type Branding, type ResolvedBranding } from './branding.js';
import { renderEmailText } from './email-text.js';
import { DEFAULT_LOCALE, EMAIL_BRIEF_ITEMS, formatDay } from './helpers.js';
import { templateData, themeLabelsFor } from './html.js';
import { DEFAULT_THEME, loadTheme, ThemeError } from './theme.js';

/**
 * The e-mail body of a briefing, a part of its theme: the theme's email.hbs (or the one it inherits) rendered
 * with the model, its styles/email.css and the branding's accent inlined into every element by juice (many
 * mail clients drop <style>), the branding's logo as an inline image referenced by cid: (mail clients block
 * data: URLs), the classification line at the top and bottom; and a text/plain twin written from the model.
 * The e-mail channel sends it; `briefing templates preview --email` shows it.
 */

export interface EmailOptions {
  /** Edition name, shown in the footer. */
  edition: string;
  /** A built-in theme name or the path to a theme folder (default "default"). */
  theme?: string;
  /** Trusted Markdown shown above the stories. */
  editorNote?: string;
  /** Name of the attached PDF, mentioned in the footer. */
  attachmentName?: string;
  /** BCP 47 locale; defaults to the branding's, then the theme's, else en-GB. */
  locale?: string;
  /** Where a relative theme path and the branding's logo path are resolved from (default process.cwd()). */
  cwd?: string;
  /** The user's themes folder (a theme named here overrides the built-in of the same name). */
  themesDir?: string;
  branding?: Branding;
}

/** An image the HTML part shows through `cid:`: sent as an inline attachment with that Content-ID. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Attach these with their cid (nodemailer: `{ cid, filename, content, contentType }`), or the logo is missing. */
  inlineImages: InlineImage[];
  /** What the reader may not see as the theme meant (a body that Gmail clips), for the delivery's log. */
  warnings: string[];
}

/**
 * Gmail shows only the first 102 KB of a message's HTML and hides the rest behind "[Message clipped] View entire
 * message" (its footer and classification line included): a body past it is sent, with a warning that says so.
 */
export const GMAIL_CLIP_BYTES = 102 * 1024;

function sizeWarnings(html: string, themeName: string): string[] {
  const bytes = Buffer.byteLength(html);
  if (bytes <= GMAIL_CLIP_BYTES) return [];
  return [
    `the e-mail body is ${Math.round(bytes / 1024)} KB: Gmail clips bodies past ${GMAIL_CLIP_BYTES / 1024} KB, hiding its end (footer and classification line included); ` +
      `give this edition a shorter theme than "${themeName}" or fewer threads in full (threadsInFull)`,
  ];
}

/** The logo's Content-ID: fixed, so a resend is byte-for-byte the same message. */
export const LOGO_CID = 'logo@briefing';

const loadJuice = onDemand<typeof import('juice')>('juice');

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/svg+xml': 'svg' };

function logoImage(branding: ResolvedBranding): InlineImage | null {
  if (!branding.logo) return null;
  const base64 = branding.logo.dataUri.slice(branding.logo.dataUri.indexOf(',') + 1);
  const { mediaType } = branding.logo;
  return { cid: LOGO_CID, filename: `logo.${EXTENSIONS[mediaType] ?? 'img'}`, contentType: mediaType, content: Buffer.from(base64, 'base64') };
}

/**
 * Styles into style="" attributes. The branding's accent comes last as --accent, which juice resolves in every
 * var(--accent); media queries are dropped with the <style> blocks so every client shows the same message.
 */
function inlineStyles(html: string, themeCss: string, accent: string): string {
  return loadJuice()(html, {
    extraCss: `${themeCss}\n:root { --accent: ${accent}; }`,
    removeStyleTags: true,
    preserveMediaQueries: false,
    preserveFontFaces: false,
    preserveImportant: false,
    resolveCSSVariables: true,
    applyWidthAttributes: false,
    applyHeightAttributes: false,
  });
}

/** The e-mail of a briefing: subject, HTML made for mail clients, plain text, and the images it refers to. */
export async function renderEmail(briefing: Briefing, options: EmailOptions): Promise<RenderedEmail> {
  const parsed = BriefingSchema.parse(briefing);
  const [theme, branding] = await Promise.all([
    loadTheme(options.theme ?? DEFAULT_THEME, options.cwd, options.themesDir),
    resolveBranding(options.branding, options.cwd),
  ]);
  const model = brandedBriefing(parsed, branding);
  const locale = options.locale ?? branding.locale ?? theme.locale ?? DEFAULT_LOCALE;
  const accent = branding.accentColor ?? theme.accent;
  const logo = logoImage(branding);
  // The same branding, its logo pointing at the attached image instead of a data: URL.
  const mailBranding: ResolvedBranding = { ...branding, logo: branding.logo && logo ? { ...branding.logo, dataUri: `cid:${logo.cid}` } : undefined };
  const labels = themeLabelsFor(theme, locale, branding);
  const data = {
    ...templateData({ theme, fonts: '', paper: theme.paper, locale, editorNote: options.editorNote ?? '', branding: mailBranding, labels, briefItems: EMAIL_BRIEF_ITEMS }),
    edition: options.edition,
    attachmentName: options.attachmentName ?? '',
  };
  let html: string;
  try {
    html = theme.email.template(model, { data });
  } catch (error) {
    throw new ThemeError(`Theme "${theme.name}": template error while rendering ${theme.email.file}: ${(error as Error).message}`, { cause: error });
  }
  html = inlineStyles(injectBranding(html, brandingMarkup(mailBranding, model.title, accent, labels)), theme.email.css, accent);
  const dateFormat = branding.dateFormat ?? 'long';
  const text = renderEmailText(model, {
    locale,
    labels,
    dateFormat,
    edition: options.edition,
    editorNote: options.editorNote,
    classification: branding.classification,
    attachmentName: options.attachmentName,
  });
  return {
    subject: `${model.title} — ${formatDay(model.date, locale, dateFormat)}`,
    html,
    text,
    inlineImages: logo ? [logo] : [],
    warnings: sizeWarnings(html, theme.name),
  };
}

/** The HTML with its cid: images as data: URLs, for showing the e-mail in a browser (the theme preview). */
export function emailHtmlForBrowser(email: RenderedEmail): string {
  let html = email.html;
  for (const image of email.inlineImages) {
    html = html.split(`cid:${image.cid}`).join(`data:${image.contentType};base64,${image.content.toString('base64')}`);
  }
  return html;
}

import { BriefingSchema, type Briefing } from '../model/schema.js';
import {
  brandedBriefing,
  brandingCss,
  brandingMarkup,
  injectBranding,
  BrandingError,
  resolveBranding,
  type Branding,
  type ResolvedBranding,
} from './branding.js';
import { embeddedFontCss } from './fonts.js';
import { DEFAULT_LOCALE } from './helpers.js';
import { subsetThemeFonts } from './subset-fonts.js';
import type { RenderedOutput } from './json.js';
import { checkOverrides, createLabels, englishMessage, type Labels } from './labels.js';
import { formatLocation, renderErrorLocation } from './template-errors.js';
import { DEFAULT_THEME, loadTheme, ThemeError, ThemeTemplateError, type LoadedTheme } from './theme.js';

export type Paper = 'a4' | 'letter';

export interface HtmlOptions {
  /** A built-in theme name or the path to a theme folder (default "default"). */
  theme?: string;
  /** Overrides the theme's paper size for print. */
  paper?: Paper;
  /** Trusted Markdown shown above the day in brief (raw HTML in it is escaped). */
  editorNote?: string;
  /** BCP 47 locale for dates and numbers; defaults to the branding's, then the theme's, else en-GB. */
  locale?: string;
  /** Where a relative theme path and the branding's logo path are resolved from (default process.cwd()). */
  cwd?: string;
  /** The user's themes folder: a theme named here overrides the built-in of the same name. */
  themesDir?: string;
  /** House branding applied to any theme (see BrandingSchema); checked before anything is rendered. */
  branding?: Branding;
  /**
   * `theme` already loaded (`loadTheme(theme, cwd, themesDir)`) by a caller that reads it for more than the page
   * (produce, for the theme's warnings), so that one run checks the theme's files once.
   */
  loadedTheme?: LoadedTheme;
}

const PAGE_SIZES: Record<Paper, string> = { a4: 'A4', letter: 'Letter' };

export interface TemplateInputs {
  theme: LoadedTheme;
  fonts: string;
  paper: Paper;
  locale: string;
  editorNote: string;
  branding: ResolvedBranding;
  labels: Labels;
  /** How many threads in brief the output lists (`@briefItems`): all of them unless an e-mail says fewer. */
  briefItems?: number;
}

/**
 * Template data beside the briefing: themes see the briefing model as their context and these as
 * `@`-variables. Styles are SafeStrings because they are the theme's own files or validated branding,
 * never article text.
 */
export function templateData({ theme, fonts, paper, locale, editorNote, branding, labels, briefItems }: TemplateInputs): Record<string, unknown> {
  const safe = (css: string) => new theme.handlebars.SafeString(css);
  return {
    theme: { name: theme.name, description: theme.description, text: theme.text },
    paper,
    pageSize: PAGE_SIZES[paper],
    locale,
    lang: locale,
    editorNote,
    briefItems: briefItems ?? Number.POSITIVE_INFINITY,
    dateFormat: branding.dateFormat,
    // Read by the t, approxDate and outlet helpers.
    labels,
    accent: branding.accentColor ?? theme.accent,
    brand: {
      logo: branding.logo?.dataUri,
      classification: branding.classification,
    },
    css: {
      fonts: safe(fonts),
      // The branding comes after the theme's sheet so its accent wins.
      screen: safe([theme.css.screen, brandingCss(branding)].filter(Boolean).join('\n')),
      print: safe(theme.css.print),
      page: safe(`@page { size: ${PAGE_SIZES[paper]}; }`),
    },
  };
}

/**
 * The briefing as one self-contained HTML file (fonts and styles inline, no script, no remote resource).
 * Everything that can fail (the model, the theme, the branding and its logo, the template itself) fails
 * before anything is returned, so a caller never has half a briefing to write.
 */
export async function renderHtml(briefing: Briefing, options: HtmlOptions = {}): Promise<RenderedOutput> {
  return (await renderHtmlPage(briefing, options)).output;
}

/** renderHtml, with the labels it was written in (the theme's and the configuration's, in its locale), for the PDF around it. */
export async function renderHtmlPage(briefing: Briefing, options: HtmlOptions = {}): Promise<{ output: RenderedOutput; labels: Labels }> {
  // Parse so a template only ever sees the model's fields, whatever object the caller passed.
  const parsed = BriefingSchema.parse(briefing);
  const [theme, branding] = await Promise.all([
    options.loadedTheme ?? loadTheme(options.theme ?? DEFAULT_THEME, options.cwd, options.themesDir),
    resolveBranding(options.branding, options.cwd),
  ]);
  const model = brandedBriefing(parsed, branding);
  const fonts = theme.fonts === 'embedded' ? await embeddedFontCss() : '';
  const paper = options.paper ?? theme.paper;
  const locale = options.locale ?? branding.locale ?? theme.locale ?? DEFAULT_LOCALE;
  const labels = themeLabelsFor(theme, locale, branding);
  const data = templateData({ theme, fonts, paper, locale, editorNote: options.editorNote ?? '', branding, labels });
  let html: string;
  try {
    html = theme.layout(model, { data });
  } catch (error) {
    // A missing partial or a throwing helper surfaces here, mid-template: name the theme, the file and line, return nothing.
    const detail = (error as Error).message;
    const where = renderErrorLocation(error);
    if (!where) throw new ThemeError(`Theme "${theme.name}": template error while rendering: ${detail}`, { cause: error });
    throw new ThemeTemplateError(`Theme "${theme.name}": template error while rendering ${formatLocation(where)}: ${detail}`, where, detail, { cause: error });
  }
  const markup = brandingMarkup(branding, model.title, branding.accentColor ?? theme.accent, labels);
  // Last, when the page's text is final: the theme's own fonts shrink to the characters it uses.
  const content = await subsetThemeFonts(injectBranding(html, markup), theme.assets);
  return { output: { filename: `briefing-${model.date}.html`, content }, labels };
}

/**
 * The render's labels: the configuration's wording over the theme's over the program's, in the render's locale.
 * The configuration's keys are checked against this theme's (it may add its own), so a typo is an error, not a
 * label that quietly stays as it was.
 */
export function themeLabelsFor(theme: LoadedTheme, locale: string, branding: Pick<ResolvedBranding, 'labels'>): Labels {
  if (branding.labels) {
    const problems = checkOverrides(branding.labels, theme.labels.known, (key) => englishMessage(theme.labels.catalogs, key));
    if (problems.length > 0) throw new BrandingError(problems.map((p) => `branding.labels.${p.key}: ${p.message}`).join('; '));
  }
  return createLabels({ locale, theme: theme.labels.catalogs, overrides: branding.labels });
}

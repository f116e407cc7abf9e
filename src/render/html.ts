import { BriefingSchema, type Briefing } from '../model/schema.js';
import { embeddedFontCss } from './fonts.js';
import { DEFAULT_LOCALE } from './helpers.js';
import type { RenderedOutput } from './json.js';
import { DEFAULT_THEME, loadTheme, type LoadedTheme } from './theme.js';

export type Paper = 'a4' | 'letter';

export interface HtmlOptions {
  /** A built-in theme name or the path to a theme folder (default "default"). */
  theme?: string;
  /** Overrides the theme's paper size for print. */
  paper?: Paper;
  /** Trusted Markdown shown above the day in brief (raw HTML in it is escaped). */
  editorNote?: string;
  /** BCP 47 locale for dates and numbers; defaults to the theme's, else en-GB. */
  locale?: string;
  /** Where a relative theme path is resolved from (default process.cwd()). */
  cwd?: string;
}

const PAGE_SIZES: Record<Paper, string> = { a4: 'A4', letter: 'Letter' };

/**
 * Template data beside the briefing: themes see the briefing model as their context and these as
 * `@`-variables. Styles are SafeStrings because they are the theme's own files, never article text.
 */
function templateData(theme: LoadedTheme, fonts: string, paper: Paper, locale: string, editorNote: string): Record<string, unknown> {
  const safe = (css: string) => new theme.handlebars.SafeString(css);
  return {
    theme: { name: theme.name, description: theme.description, text: theme.text },
    paper,
    pageSize: PAGE_SIZES[paper],
    locale,
    lang: locale,
    editorNote,
    css: {
      fonts: safe(fonts),
      screen: safe(theme.css.screen),
      print: safe(theme.css.print),
      page: safe(`@page { size: ${PAGE_SIZES[paper]}; }`),
    },
  };
}

/** The briefing as one self-contained HTML file (fonts and styles inline, no script, no remote resource). */
export async function renderHtml(briefing: Briefing, options: HtmlOptions = {}): Promise<RenderedOutput> {
  // Parse so a template only ever sees the model's fields, whatever object the caller passed.
  const model = BriefingSchema.parse(briefing);
  const [theme, fonts] = await Promise.all([loadTheme(options.theme ?? DEFAULT_THEME, options.cwd), embeddedFontCss()]);
  const paper = options.paper ?? theme.paper;
  const locale = options.locale ?? theme.locale ?? DEFAULT_LOCALE;
  const html = theme.layout(model, { data: templateData(theme, fonts, paper, locale, options.editorNote ?? '') });
  return { filename: `briefing-${model.date}.html`, content: html };
}

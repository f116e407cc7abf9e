import type Handlebars from 'handlebars';
import { Marked, type Tokens } from 'marked';
import type { Briefing, BriefingArticle, BriefingThread } from '../model/schema.js';
import { dateTimeFormat, numberFormat } from './intl.js';
import { builtInLabels, localeChain, type Labels } from './labels.js';
import { routeTemplateLogToStderr } from './template-log.js';
import { escapeHtml } from '../text/markup.js';

/**
 * Formatting shared by the HTML theme helpers and the Markdown renderer, and the registration of those
 * helpers on a theme's own Handlebars instance. Everything here treats its input as untrusted text:
 * only `markdown` (trusted prose) returns HTML, and it escapes raw HTML and drops unsafe links.
 */

export const DEFAULT_LOCALE = 'en-GB';

// ---------------------------------------------------------------------------------------------- dates

/** A calendar date (YYYY-MM-DD) in words. Formatted in UTC because the date has no time to shift. */
export function formatDay(date: string, locale = DEFAULT_LOCALE, style: 'long' | 'medium' | 'short' = 'medium'): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
      : style === 'medium'
        ? { day: 'numeric', month: 'short', year: 'numeric' }
        : { day: 'numeric', month: 'short' };
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(instant);
}

/** An event or publication date, marked approximate when the engine inferred it ("c. 16 Mar 2025"; "ca. 16. März 2025"). */
export function formatApproxDate(date: string | null, certain: boolean, locale = DEFAULT_LOCALE, labels: Labels = builtInLabels(locale)): string {
  if (!date) return labels.text('date.unknown');
  const day = formatDay(date, locale, 'medium');
  return certain ? day : labels.text('date.approx', { date: day });
}

/** An instant as wall-clock time in the briefing's zone, with the zone's short name ("06:30 BST"). */
export function formatTime(iso: string, timeZone: string, locale = DEFAULT_LOCALE): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return dateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
    timeZoneName: 'short',
  }).format(instant);
}

/** An instant as date and time in the briefing's zone ("10 Jul 2025, 06:30 BST"). */
export function formatDateTime(iso: string, timeZone: string, locale = DEFAULT_LOCALE): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const day = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return `${formatDay(day, locale, 'medium')}, ${formatTime(iso, timeZone, locale)}`;
}

// -------------------------------------------------------------------------------------------- numbers

const SCALES: Array<[number, string]> = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'm'],
];

/** 1343 -> "1,343"; 10e9 -> "10bn"; 1.25e6 -> "1.25m": the compact style of news copy. */
export function compactNumber(value: number, locale = DEFAULT_LOCALE): string {
  const abs = Math.abs(value);
  for (const [scale, suffix] of SCALES) {
    if (abs >= scale) {
      return `${numberFormat(locale, { maximumFractionDigits: 2 }).format(value / scale)}${suffix}`;
    }
  }
  return numberFormat(locale, { maximumFractionDigits: abs < 10 ? 2 : 1 }).format(value);
}

const UNIT_SYMBOLS: Record<string, string> = {
  'degree Celsius': '°C',
  'degree Fahrenheit': '°F',
  degree: '°',
  'kilometre per hour': ' km/h',
  'mile per hour': ' mph',
  'kilowatt hour': ' kWh',
  megawatt: ' MW',
  gigawatt: ' GW',
  kilogram: ' kg',
  kilometre: ' km',
  'square kilometre': ' km²',
  pence: 'p',
};

const IRREGULAR_PLURALS: Record<string, string> = {
  foot: 'feet',
  century: 'centuries',
  inch: 'inches',
  'percentage point': 'percentage points',
  'cubic foot': 'cubic feet',
  'square foot': 'square feet',
  'kilometre per hour': 'kilometres per hour',
  'mile per hour': 'miles per hour',
  hertz: 'hertz',
};

function pluralUnit(unit: string, value: number): string {
  if (Math.abs(value) === 1) return unit;
  return IRREGULAR_PLURALS[unit] ?? `${unit}s`;
}

function currencyPart(code: string, locale: string, display: 'symbol' | 'narrowSymbol'): string {
  const part = numberFormat(locale, { style: 'currency', currency: code, currencyDisplay: display })
    .formatToParts(0)
    .find((p) => p.type === 'currency');
  return part?.value ?? code;
}

/**
 * Signs several currencies write alike, with the currency news copy means by the bare sign: "$" alone would turn
 * 88 billion Hong Kong dollars into "$88bn". "kr" belongs to no one currency.
 */
const SHARED_SIGNS: ReadonlyMap<string, string | null> = new Map([['$', 'USD'], ['¥', 'JPY'], ['£', 'GBP'], ['kr', null]]);

/**
 * The currency's sign, kept distinct from every other currency's: "€", "£", "$" (US), "¥" (yen), "HK$", "A$",
 * "CN¥" as the locale writes them, and the ISO code when the locale has no distinct sign ("SGD").
 */
function currencySymbol(code: string, locale: string): string {
  try {
    const narrow = currencyPart(code, locale, 'narrowSymbol');
    if (!SHARED_SIGNS.has(narrow) || SHARED_SIGNS.get(narrow) === code) return narrow;
    const symbol = currencyPart(code, locale, 'symbol');
    return symbol !== narrow && symbol.includes(narrow) ? symbol : code;
  } catch {
    return code;
  }
}

/** "40–50bn" when both ends have the same scale, else "1,000–2m". */
function compactRange(low: number, high: number, locale: string): string {
  const lowText = compactNumber(low, locale);
  const highText = compactNumber(high, locale);
  const suffix = /\p{L}+$/u.exec(highText)?.[0] ?? '';
  const sameScale = suffix !== '' && lowText.endsWith(suffix) && /\d$/.test(lowText.slice(0, -suffix.length));
  return `${sameScale ? lowText.slice(0, -suffix.length) : lowText}\u2013${highText}`;
}

/**
 * A figure with its unit, compact: "€10bn", "$1.25m", "2%", "23.6°C", "3 days", "1,343"; a range when `high` is
 * given: "$40–50bn", "10–15 minutes". English keeps the house style of English news copy; other languages are
 * written the locale's way by Intl ("10 Mrd. €", "23,6 °C", "3 Tage", "2 %").
 */
export function formatFigure(value: number, unit: string | null, locale = DEFAULT_LOCALE, high?: number | null): string {
  const isRange = high !== undefined && high !== null && Number.isFinite(high) && high !== value;
  if (!isEnglish(locale)) return formatFigureIntl(value, unit, locale, isRange ? high : null);
  const number = isRange ? compactRange(value, high, locale) : compactNumber(value, locale);
  if (unit === null || unit === '') return number;
  if (/^[A-Z]{3}$/.test(unit)) {
    const symbol = currencySymbol(unit, locale);
    // Letter symbols ("CHF", "zł") read better apart from the number; "€", "$", "£" sit against it.
    return /\p{L}$/u.test(symbol) ? `${symbol} ${number}` : `${symbol}${number}`;
  }
  if (unit === 'percent') return `${number}%`;
  const symbol = UNIT_SYMBOLS[unit];
  if (symbol !== undefined) return `${number}${symbol}`;
  return `${number} ${pluralUnit(unit, isRange ? high : value)}`;
}

function isEnglish(locale: string): boolean {
  return localeChain(locale)[0]!.split('-')[0] === 'en';
}

/** The figure's units Intl can write in every language, with how: durations in words, measures as symbols. */
const INTL_UNITS: Record<string, [string, 'long' | 'short']> = {
  millisecond: ['millisecond', 'long'],
  second: ['second', 'long'],
  minute: ['minute', 'long'],
  hour: ['hour', 'long'],
  day: ['day', 'long'],
  week: ['week', 'long'],
  month: ['month', 'long'],
  year: ['year', 'long'],
  'degree Celsius': ['celsius', 'short'],
  'degree Fahrenheit': ['fahrenheit', 'short'],
  degree: ['degree', 'short'],
  'kilometre per hour': ['kilometer-per-hour', 'short'],
  'mile per hour': ['mile-per-hour', 'short'],
  acre: ['acre', 'short'],
  hectare: ['hectare', 'short'],
  bit: ['bit', 'short'],
  byte: ['byte', 'short'],
  kilobyte: ['kilobyte', 'short'],
  megabit: ['megabit', 'short'],
  megabyte: ['megabyte', 'short'],
  gigabyte: ['gigabyte', 'short'],
  terabyte: ['terabyte', 'short'],
  millimetre: ['millimeter', 'short'],
  centimetre: ['centimeter', 'short'],
  metre: ['meter', 'short'],
  kilometre: ['kilometer', 'short'],
  inch: ['inch', 'short'],
  foot: ['foot', 'short'],
  yard: ['yard', 'short'],
  mile: ['mile', 'short'],
  millilitre: ['milliliter', 'short'],
  litre: ['liter', 'short'],
  gallon: ['gallon', 'short'],
  gram: ['gram', 'short'],
  kilogram: ['kilogram', 'short'],
  ounce: ['ounce', 'short'],
  pound: ['pound', 'short'],
};

/** Intl's own writing of a figure: its compact scale words, currency and unit placement, range sign and spacing. */
function formatFigureIntl(value: number, unit: string | null, locale: string, high: number | null): string {
  const base: Intl.NumberFormatOptions = {
    notation: Math.max(Math.abs(value), Math.abs(high ?? 0)) >= 1e6 ? 'compact' : 'standard',
    maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1,
  };
  const write = (options: Intl.NumberFormatOptions, scale = 1): string => {
    const format = numberFormat(locale, { ...base, ...options });
    return high === null ? format.format(value / scale) : format.formatRange(value / scale, high / scale);
  };
  if (unit === null || unit === '') return write({ maximumFractionDigits: 2 });
  if (/^[A-Z]{3}$/.test(unit)) {
    try {
      const format = numberFormat(locale, { ...base, maximumFractionDigits: 2, minimumFractionDigits: 0, style: 'currency', currency: unit, currencyDisplay: 'narrowSymbol' });
      const parts = high === null ? format.formatToParts(value) : format.formatRangeToParts(value, high);
      // The sign kept distinct from other currencies' ("HK$", not "$"), as in English copy.
      const symbol = currencySymbol(unit, locale);
      let shown = false;
      return parts.map((p) => (p.type !== 'currency' ? p.value : shown ? '' : ((shown = true), symbol))).join('').replace(/\s+$/u, '');
    } catch {
      return `${write({})} ${unit}`;
    }
  }
  if (unit === 'percent') return write({ style: 'percent', maximumFractionDigits: 2 }, 100);
  const intl = INTL_UNITS[unit];
  if (intl) return write({ style: 'unit', unit: intl[0], unitDisplay: intl[1] });
  const labels = builtInLabels(locale);
  const key = `unit.${unit.replace(/ (\w)/g, (_, c: string) => c.toUpperCase())}`;
  if (labels.has(key)) {
    // Units Intl does not know are labels ("unit.percentagePoint"), with plural forms.
    return labels.text(key, { count: high ?? value, number: write({}) });
  }
  const symbol = UNIT_SYMBOLS[unit];
  // Symbols (" MW", " kWh", "p") are the same in every language; a unit with neither stays as the engine named it.
  return symbol !== undefined ? `${write({})}${symbol}` : `${write({})} ${unit}`;
}

/** "1 story", "3 stories". */
export function plural(count: number, singular: string, pluralForm?: string): string {
  const word = count === 1 ? singular : (pluralForm ?? `${singular}s`);
  return `${numberFormat(DEFAULT_LOCALE).format(count)} ${word}`;
}

// ------------------------------------------------------------------------------------------------ text

/** At most `max` characters, cut at a word boundary when one is near, with an ellipsis: for one-line views. */
export function truncate(text: string, max: number): string {
  const chars = [...text.trim()];
  if (max <= 0) return '';
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  // Prefer a whole word unless that throws away more than a third of the room.
  const head = space >= (max * 2) / 3 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

// ---------------------------------------------------------------------------------------------- links

/** The URL when it is an absolute http(s) URL, else null: only those become links. */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------ threads

/** The threads shown in full, most important first: every thread the engine did not mark `inBrief`. */
export function fullThreads(threads: readonly BriefingThread[]): BriefingThread[] {
  return threads.filter((thread) => thread.inBrief !== true);
}

/**
 * The threads shown in brief (`inBrief`: headline, lead sentence and sources only), in rank order after the full
 * ones: every output lists them compactly after the full threads, one item each.
 */
export function briefThreads(threads: readonly BriefingThread[]): BriefingThread[] {
  return threads.filter((thread) => thread.inBrief === true);
}

/** Both lists at once, for the outputs that show the full threads and then those in brief. */
export function threadsByDepth(threads: readonly BriefingThread[]): { full: BriefingThread[]; brief: BriefingThread[] } {
  return { full: fullThreads(threads), brief: briefThreads(threads) };
}

/**
 * How many threads in brief an e-mail lists (`@briefItems` there; a page and the PDF list all): a day can hold
 * hundreds, and a mail body is read on a phone and clipped by Gmail past 102 KB, while the attached PDF has them
 * all. Fifteen items are about 14 KB of the default theme's e-mail, beside its full stories.
 */
export const EMAIL_BRIEF_ITEMS = 15;

// ------------------------------------------------------------------------------------------ citations

export interface SourceRef {
  n: number;
  articleId: string;
  /** Fragment id of the source's entry in the thread's source list. */
  anchor: string;
  article: BriefingArticle | null;
}

const sourceOrderCache = new WeakMap<BriefingThread, string[]>();

/**
 * The thread's sources, numbered in the order a reader meets them (summary first, then events, figures,
 * quotes, conflicts, then any article left), so the first citation is [1].
 */
export function threadSourceIds(thread: BriefingThread): string[] {
  const cached = sourceOrderCache.get(thread);
  if (cached) return cached;
  const order = new Set<string>();
  for (const s of thread.summary) for (const id of s.articleIds) order.add(id);
  for (const e of thread.events) for (const id of e.articleIds) order.add(id);
  for (const f of thread.figures) order.add(f.articleId);
  for (const q of thread.quotes) order.add(q.articleId);
  for (const c of thread.conflicts) for (const v of c.values) order.add(v.articleId);
  for (const id of thread.articleIds) order.add(id);
  const list = [...order];
  sourceOrderCache.set(thread, list);
  return list;
}

export function sourceAnchor(threadId: string, n: number): string {
  return `src-${threadId}-${n}`;
}

const articleIndexCache = new WeakMap<readonly BriefingArticle[], { length: number; byId: ReadonlyMap<string, BriefingArticle> }>();

/** An article's outlet as every renderer names it: "Unknown outlet" (in the labels' locale) when it has none. */
export function outletLabel(article: { outlet?: string | null } | null | undefined, labels: Labels): string {
  return article?.outlet ?? labels.text('sources.unknownOutlet');
}

/**
 * The briefing's articles by id, made once per list: a render looks up an article for every source and outlet it
 * prints, thousands on a big day, and a search of the list each time would cost articles times lookups.
 */
export function articleById(briefing: Pick<Briefing, 'articles'>, articleId: string): BriefingArticle | null {
  let index = articleIndexCache.get(briefing.articles);
  // A list that grew since (a caller adding articles) is indexed again.
  if (index?.length !== briefing.articles.length) {
    index = { length: briefing.articles.length, byId: new Map(briefing.articles.map((a) => [a.id, a])) };
    articleIndexCache.set(briefing.articles, index);
  }
  return index.byId.get(articleId) ?? null;
}

export function threadSources(thread: BriefingThread, briefing: Pick<Briefing, 'articles'>): SourceRef[] {
  return threadSourceIds(thread).map((articleId, i) => ({
    n: i + 1,
    articleId,
    anchor: sourceAnchor(thread.id, i + 1),
    article: articleById(briefing, articleId),
  }));
}

export function citations(articleIds: string | readonly string[], thread: BriefingThread): Array<{ n: number; anchor: string }> {
  const order = threadSourceIds(thread);
  const ids = typeof articleIds === 'string' ? [articleIds] : articleIds;
  const numbers = [...new Set(ids.map((id) => order.indexOf(id) + 1).filter((n) => n > 0))].sort((a, b) => a - b);
  return numbers.map((n) => ({ n, anchor: sourceAnchor(thread.id, n) }));
}

// ------------------------------------------------------------------------------------ trusted markdown

function safeHref(href: string): string | null {
  if (href.startsWith('#')) return href;
  if (/^mailto:/i.test(href)) return href;
  return httpUrl(href);
}

const trustedMarked = new Marked({ gfm: true, async: false });
trustedMarked.use({
  renderer: {
    // Even trusted prose never carries raw HTML into the page: show it as text.
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (!href) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title}>${text}</a>`;
    },
    // The prose sits under the page's h2 sections: its headings start at h3 to keep the outline in order.
    heading(token: Tokens.Heading): string {
      const level = Math.min(6, token.depth + 2);
      return `<h${level}>${this.parser.parseInline(token.tokens)}</h${level}>\n`;
    },
    // Images would be network requests: keep only their description.
    image(token: Tokens.Image): string {
      return escapeHtml(token.text);
    },
  },
});

/** Markdown to HTML for trusted prose (the editor's note, theme text blocks): raw HTML escaped, only safe links. */
export function trustedMarkdownToHtml(markdown: string): string {
  return trustedMarked.parse(markdown, { async: false }) as string;
}

// ------------------------------------------------------------------------------------ handlebars glue

type HelperOptions = Handlebars.HelperOptions;

/** Handlebars passes its options object last; these helpers only want the positional arguments. */
function positional(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

function root(options: HelperOptions): Briefing {
  return (options.data as { root: Briefing }).root;
}

function localeOf(options: HelperOptions, fallback: string): string {
  const hash = options.hash as { locale?: unknown };
  if (typeof hash.locale === 'string') return hash.locale;
  const data = options.data as { locale?: unknown };
  return typeof data.locale === 'string' ? data.locale : fallback;
}

/** The render's labels (theme, configuration and locale, set by renderHtml), else the program's for @locale. */
function labelsOf(options: HelperOptions, fallbackLocale: string): Labels {
  const data = options.data as { labels?: Labels } | undefined;
  return data?.labels ?? builtInLabels(localeOf(options, fallbackLocale));
}

function timeZoneOf(options: HelperOptions): string {
  const hash = options.hash as { tz?: unknown };
  if (typeof hash.tz === 'string') return hash.tz;
  return root(options).timezone || 'UTC';
}

const DATE_STYLES = ['long', 'medium', 'short'] as const;
type DateStyle = (typeof DATE_STYLES)[number];
const isDateStyle = (v: unknown): v is DateStyle => typeof v === 'string' && (DATE_STYLES as readonly string[]).includes(v);

/**
 * style= in the template wins; then the branding's date format (@dateFormat), so a house style reaches
 * every theme without editing it; then the template's positional style; then "medium".
 */
function dateStyleOf(options: HelperOptions, positionalStyle: unknown): DateStyle {
  const hash = options.hash as { style?: unknown };
  if (isDateStyle(hash.style)) return hash.style;
  const data = options.data as { dateFormat?: unknown };
  if (isDateStyle(data.dateFormat)) return data.dateFormat;
  return isDateStyle(positionalStyle) ? positionalStyle : 'medium';
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export interface HelperDoc {
  name: string;
  usage: string;
  /** 'HTML' marks a helper that escapes inside and returns a SafeString: the only kind `templates validate` allows in {{{ }}}. */
  returns: string;
  description: string;
}

/**
 * Every helper a template can call, in one place: the template-author reference prints this table, and
 * registerHelpers refuses to register a helper missing from it. Text-returning helpers return plain
 * strings, which {{ }} escapes; only `markdown` returns HTML, and it is for trusted prose.
 */
export const HELPERS: readonly HelperDoc[] = [
  { name: 't', usage: '{{t "count.sources" count=stats.articlesOk}}', returns: 'text', description: 'A label in the edition\'s language ("3 Quellen" in de-DE): the message of that key from the catalogs (configuration, then the theme\'s `locales/`, then the program\'s), `{name}` placeholders filled from the named parameters, plural forms chosen by `count`. The block form `{{#t "masthead.asOf"}}<time>…</time>{{/t}}` puts the block\'s HTML where a placeholder has no parameter.' },
  { name: 'formatDate', usage: '{{formatDate date "long"}}', returns: 'text', description: 'A YYYY-MM-DD date in words ("Thursday, 10 July 2025", "10 Jul 2025", "10 Jul"). The branding\'s dateFormat overrides the positional style; `style="short"` overrides both. `locale="de-DE"` overrides the locale.' },
  { name: 'approxDate', usage: '{{approxDate date certain}}', returns: 'text', description: 'A date marked approximate when inferred ("c. 16 Mar 2025"; label `date.approx`), "Date unknown" (`date.unknown`) when null.' },
  { name: 'formatTime', usage: '{{formatTime instant}}', returns: 'text', description: 'An ISO instant as wall-clock time in the briefing\'s time zone with its name ("06:30 BST"); `tz="UTC"` picks another zone.' },
  { name: 'formatDateTime', usage: '{{formatDateTime instant}}', returns: 'text', description: 'An ISO instant as date and time in the briefing\'s time zone ("10 Jul 2025, 06:30 BST"); `tz=` as formatTime.' },
  { name: 'figure', usage: '{{figure value unit valueHigh}}', returns: 'text', description: 'A figure in the compact style of news copy, in the locale: "€10bn", "$1.25m", "2%", "23.6°C", "3 days", "1,343"; a range when the high end is given: "$40–50bn".' },
  { name: 'number', usage: '{{number n}}', returns: 'text', description: 'A number with the locale\'s grouping ("1,343"; "1.343" in de-DE).' },
  { name: 'plural', usage: '{{plural count "story" "stories"}}', returns: 'text', description: 'English only: the count with the right form ("1 story", "3 stories"); the plural defaults to singular + "s". Use `t` with a `count.*` label for text that follows the locale.' },
  { name: 'markdown', usage: '{{markdown @editorNote}}', returns: 'HTML', description: 'Trusted Markdown (marked) to HTML: raw HTML is escaped, only http(s), mailto and #fragment links kept, images dropped. Never for article text.' },
  { name: 'truncate', usage: '{{truncate text 80}}', returns: 'text', description: 'At most N characters, cut at a word boundary when one is near, ending with "…".' },
  { name: 'join', usage: '{{join outlets " · "}}', returns: 'text', description: 'A list joined by a separator (default ", ").' },
  { name: 'eq', usage: '{{#if (eq a b)}}', returns: 'boolean', description: 'Strict equality.' },
  { name: 'gt', usage: '{{#if (gt figures.length 3)}}', returns: 'boolean', description: 'Numeric greater-than.' },
  { name: 'httpUrl', usage: '{{#if (httpUrl url)}}<a href="{{httpUrl url}}">{{/if}}', returns: 'text', description: 'The URL when it is an absolute http(s) URL, else "": the only way a link should be made from article data.' },
  { name: 'article', usage: '{{#with (article articleId)}}{{title}}{{/with}}', returns: 'article', description: 'The article record with that id, or null.' },
  { name: 'outlet', usage: '{{outlet articleId}}', returns: 'text', description: 'The outlet of that article, or "Unknown outlet" (label `sources.unknownOutlet`).' },
  { name: 'fullThreads', usage: '{{#each (fullThreads threads)}}{{> thread}}{{/each}}', returns: 'list', description: 'The threads shown in full: those without `inBrief`, most important first.' },
  { name: 'briefThreads', usage: '{{#with (briefThreads threads)}}{{length}} more{{#each this}}{{headline}}{{/each}}{{/with}}', returns: 'list', description: 'The threads shown in brief (`inBrief`), after the full ones: headline, one lead sentence and sources each. `{{#with}}` skips its block when there are none.' },
  { name: 'sources', usage: '{{#each (sources this)}}{{n}} {{article.title}}{{/each}}', returns: 'list', description: 'A thread\'s sources numbered in reading order: `{ n, articleId, anchor, article }`.' },
  { name: 'cite', usage: '{{#each (cite articleIds ../this)}}[{{n}}]{{/each}}', returns: 'list', description: 'Citation numbers `{ n, anchor }` of article ids within a thread, sorted, without repeats.' },
  { name: 'shortDigest', usage: '{{shortDigest inputsDigest}}', returns: 'text', description: 'The first 12 hex digits of a sha256 digest.' },
  { name: 'first', usage: '{{#with (first summary)}}{{text}}{{/with}}', returns: 'item', description: 'The first item of a list, or null.' },
  { name: 'take', usage: '{{#each (take figures 3)}}', returns: 'list', description: 'The first N items of a list.' },
  { name: 'drop', usage: '{{#with (drop list @briefItems)}}and {{length}} more{{/with}}', returns: 'list', description: 'The items after the first N (empty when there are N or fewer, so `{{#with}}` skips its block).' },
  { name: 'asset', usage: '<img src="{{asset "images/seal.png"}}" alt="Seal">', returns: 'data: URL', description: 'A font or image from the theme\'s assets/ folder (or a parent theme\'s) as a data: URL, so the page still makes no request; an unknown name fails the render and `templates validate` names it.' },
];

/** Registers the theme helpers on one theme's Handlebars instance (never the global one). */
export function registerHelpers(
  hb: typeof Handlebars,
  defaults: { locale?: string; /** The theme's assets as data: URLs (throws for an unknown name). */ asset?: (name: string) => string } = {},
): void {
  const fallbackLocale = defaults.locale ?? DEFAULT_LOCALE;
  const helpers: Record<string, (...args: unknown[]) => unknown> = {
    /** {{t "key" name=value}}: the label in the render's language; the block form fills the unnamed placeholders. */
    t(...args) {
      const { values, options } = positional(args);
      const labels = labelsOf(options, fallbackLocale);
      const key = str(values[0]);
      const params = { ...(options.hash as Record<string, unknown>) };
      if (typeof options.fn !== 'function') return labels.text(key, params);
      // The block is template output, already escaped; the message and parameters are escaped here.
      const slot = options.fn(this);
      return new hb.SafeString(labels.markup(key, params, (t) => hb.escapeExpression(t), slot));
    },
    formatDate(...args) {
      const { values, options } = positional(args);
      const style = dateStyleOf(options, values[1]);
      return formatDay(str(values[0]), localeOf(options, fallbackLocale), style);
    },
    /** {{approxDate date certain}}: "c. 16 Mar 2025" when the date is inferred. */
    approxDate(...args) {
      const { values, options } = positional(args);
      return formatApproxDate(values[0] ? str(values[0]) : null, values[1] !== false, localeOf(options, fallbackLocale), labelsOf(options, fallbackLocale));
    },
    /** {{formatTime instant}} in the briefing's time zone (or tz="..."). */
    formatTime(...args) {
      const { values, options } = positional(args);
      return formatTime(str(values[0]), timeZoneOf(options), localeOf(options, fallbackLocale));
    },
    formatDateTime(...args) {
      const { values, options } = positional(args);
      return formatDateTime(str(values[0]), timeZoneOf(options), localeOf(options, fallbackLocale));
    },
    /** {{figure value unit valueHigh}}: "€10bn", "$40–50bn". */
    figure(...args) {
      const { values, options } = positional(args);
      const value = Number(values[0]);
      const high = values[2] === undefined || values[2] === null ? null : Number(values[2]);
      return Number.isFinite(value) ? formatFigure(value, values[1] ? str(values[1]) : null, localeOf(options, fallbackLocale), high) : '';
    },
    /** {{number n}}: "1,343". */
    number(...args) {
      const { values, options } = positional(args);
      const value = Number(values[0]);
      return Number.isFinite(value) ? numberFormat(localeOf(options, fallbackLocale)).format(value) : '';
    },
    /** {{plural count "story" "stories"}}: "3 stories". */
    plural(...args) {
      const { values } = positional(args);
      return plural(Number(values[0]) || 0, str(values[1]), values[2] === undefined ? undefined : str(values[2]));
    },
    /** {{markdown text}}: trusted prose only (editor's note, theme text). */
    markdown(...args) {
      const { values } = positional(args);
      return new hb.SafeString(trustedMarkdownToHtml(str(values[0])));
    },
    join(...args) {
      const { values } = positional(args);
      const list = Array.isArray(values[0]) ? values[0] : [];
      return list.map(str).join(typeof values[1] === 'string' ? values[1] : ', ');
    },
    eq(...args) {
      const { values } = positional(args);
      return values[0] === values[1];
    },
    gt(...args) {
      const { values } = positional(args);
      return Number(values[0]) > Number(values[1]);
    },
    /** {{httpUrl url}}: the URL when it may become a link, else "" (use in {{#if}}). */
    httpUrl(...args) {
      const { values } = positional(args);
      return httpUrl(values[0] as string | null) ?? '';
    },
    /** {{article id}}: the article record, for outlet/title/url lookups. */
    article(...args) {
      const { values, options } = positional(args);
      return articleById(root(options), str(values[0]));
    },
    /** {{outlet articleId}}: the article's outlet, or "Unknown outlet". */
    outlet(...args) {
      const { values, options } = positional(args);
      return outletLabel(articleById(root(options), str(values[0])), labelsOf(options, fallbackLocale));
    },
    /** {{#each (fullThreads threads)}}: the threads without inBrief. */
    fullThreads(...args) {
      const { values } = positional(args);
      return Array.isArray(values[0]) ? fullThreads(values[0] as BriefingThread[]) : [];
    },
    /** {{#with (briefThreads threads)}}: the threads with inBrief (an empty list skips the block). */
    briefThreads(...args) {
      const { values } = positional(args);
      return Array.isArray(values[0]) ? briefThreads(values[0] as BriefingThread[]) : [];
    },
    /** {{#each (sources thread)}}: the thread's numbered source list. */
    sources(...args) {
      const { values, options } = positional(args);
      return threadSources(values[0] as BriefingThread, root(options));
    },
    /** {{#each (cite articleIds thread)}}: citation numbers ({n, anchor}) within the thread. */
    cite(...args) {
      const { values } = positional(args);
      const ids = values[0] as string | string[];
      return citations(ids ?? [], values[1] as BriefingThread);
    },
    /** {{shortDigest digest}}: the first 12 hex digits, enough to tell runs apart. */
    shortDigest(...args) {
      const { values } = positional(args);
      return str(values[0]).replace(/^sha256:/, '').slice(0, 12);
    },
    /** {{#with (first list)}}: the first item of a list, or null. */
    first(...args) {
      const { values } = positional(args);
      return Array.isArray(values[0]) ? (values[0][0] ?? null) : null;
    },
    take(...args) {
      const { values } = positional(args);
      const n = Math.max(0, Math.floor(Number(values[1]) || 0));
      return Array.isArray(values[0]) ? values[0].slice(0, n) : [];
    },
    drop(...args) {
      const { values } = positional(args);
      const n = Math.max(0, Math.floor(Number(values[1]) || 0));
      return Array.isArray(values[0]) ? values[0].slice(n) : [];
    },
    truncate(...args) {
      const { values } = positional(args);
      return truncate(str(values[0]), Math.floor(Number(values[1]) || 0));
    },
    /** {{asset "images/seal.png"}}: a data: URL (base64 and a sniffed media type: nothing to escape). */
    asset(...args) {
      const { values } = positional(args);
      if (!defaults.asset) throw new Error('{{asset}} is only available while rendering a theme.');
      return new hb.SafeString(defaults.asset(str(values[0])));
    },
  };
  for (const name of Object.keys(helpers)) {
    if (!HELPERS.some((h) => h.name === name)) throw new Error(`helper ${name} is not documented in HELPERS`);
  }
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  routeTemplateLogToStderr(hb);
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import { z } from '../util/zod.js';
import { UsageError } from '../util/errors.js';
import { isCssColour } from './branding.js';
import { registerHelpers } from './helpers.js';
import { assetDataUrl, readThemeAssets, type AssetProblem, type ThemeAssets } from './theme-assets.js';
import { inlineCssAssets } from './theme-css.js';
import { FolderCache } from './folder-cache.js';
import { handlebars } from './handlebars.js';
import { PRECOMPILED_TEMPLATES } from './precompiled-themes.js';
import { builtInKeys, checkOverrides, didYouMean, englishMessage, keysUsedIn, LabelsError, readCatalogs, type Catalogs } from './labels.js';
import { locateHelperErrors, locateTemplateErrors, parseTemplate, TemplateSyntaxError, type TemplateLocation } from './template-errors.js';

/**
 * Themes: a folder with theme.json, layout.hbs, partials/*.hbs, styles/screen.css and styles/print.css, and
 * optionally assets/ (fonts, images, stylesheets inlined where the theme refers to them: theme-assets.ts), and
 * the e-mail body: email.hbs with styles/email.css (inlined into the markup when the mail is made).
 * Built-in themes live in the repository's templates/<name>/; `--theme` may also be a path to a folder.
 * A theme may extend another: it inherits the parent's layout, partials, e-mail body and styles and overrides
 * by name (its styles are appended after the parent's, so later rules win). A theme whose chain has no
 * email.hbs gets the default theme's, with the default's e-mail styles under its own.
 */

export const DEFAULT_THEME = 'default';

/** The default theme's --accent, for themes that name none. */
export const DEFAULT_ACCENT = '#8c1c13';

/** theme.json `fonts`: whether the built-in web fonts are inlined. A theme's own fonts (assets/) are inlined either way. */
export const FONT_MODES = ['embedded', 'system'] as const;

const ThemeManifestSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  extends: z.string().min(1).optional(),
  paper: z.enum(['a4', 'letter']).optional(),
  locale: z.string().min(2).optional(),
  /** "embedded" inlines the built-in web fonts; "system" (e-mail bodies) uses the reader's fonts and keeps the file small. */
  fonts: z
    .enum(FONT_MODES, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not allowed: use "embedded" (the built-in Source Serif 4 and Inter, inlined) or "system" (no built-in fonts: the reader's own, for e-mail)`,
    })
    .optional(),
  /** The theme's accent for templates that cannot use CSS custom properties (inline e-mail styles): @accent. */
  accent: z.string().refine(isCssColour, 'not a CSS colour (use #rrggbb, rgb(), hsl() or a colour name)').optional(),
  /** Trusted Markdown blocks a theme may show (rendered with the `markdown` helper). */
  text: z.record(z.string(), z.string()).optional(),
});

export type ThemeManifest = z.infer<typeof ThemeManifestSchema>;

export interface LoadedTheme {
  name: string;
  description: string;
  /** The theme's folder (absolute). */
  dir: string;
  /** Folders of the theme and its ancestors, the theme first. */
  chain: string[];
  paper: 'a4' | 'letter';
  locale: string | undefined;
  fonts: 'embedded' | 'system';
  accent: string;
  text: Record<string, string>;
  /** This theme's own Handlebars instance, with the helpers and partials registered. */
  handlebars: typeof Handlebars;
  layout: Handlebars.TemplateDelegate;
  css: { screen: string; print: string };
  /** The theme's assets/ files and its ancestors' (already inlined into css; the `asset` helper hands them out). */
  assets: ThemeAssets;
  labels: ThemeLabels;
  /** The e-mail body (compiled on the same instance, so the theme's partials and helpers work in it). */
  email: { file: string; template: Handlebars.TemplateDelegate; css: string };
}

export interface ThemeLabels {
  /** The `locales/` catalogs of the theme and its ancestors, the theme first. */
  catalogs: Catalogs[];
  /** Keys an override may name: the program's labels and the ones the theme's templates use. */
  known: Set<string>;
}

/** A theme that cannot be found or is malformed: a usage error (exit code 2) that says what to fix. */
export class ThemeError extends UsageError {}

/** A template that does not parse or fails while rendering, with the file and line where the author must look. */
export class ThemeTemplateError extends ThemeError {
  constructor(
    message: string,
    readonly location: TemplateLocation,
    /** The message without the theme name and position, for lists that show the position apart. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The repository's templates/ folder: one level above both src/ and dist/. */
export function templatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Names of the built-in themes (folders of templates/ holding a theme.json), sorted. */
export async function listThemes(dir = templatesDir()): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries.sort()) {
    if (await exists(join(dir, entry, 'theme.json'))) names.push(entry);
  }
  return names;
}

function looksLikePath(value: string): boolean {
  return isAbsolute(value) || value.startsWith('.') || value.includes('/') || value.includes(sep);
}

/**
 * The folder of a theme given by name or by path (relative to `cwd`). A name is looked up in the user's themes
 * folder first (`themesDir`, from the configuration or $BRIEFING_THEMES_DIR), so a user theme overrides the
 * built-in of the same name, then among the built-ins.
 */
export async function resolveThemeDir(
  nameOrPath: string = DEFAULT_THEME,
  cwd: string = process.cwd(),
  themesDir?: string,
): Promise<string> {
  const builtIn = templatesDir();
  if (!looksLikePath(nameOrPath)) {
    for (const root of themesDir ? [resolve(cwd, themesDir), builtIn] : [builtIn]) {
      const dir = join(root, nameOrPath);
      if (await exists(join(dir, 'theme.json'))) return dir;
    }
  }
  const asPath = resolve(cwd, nameOrPath);
  if (await isDirectory(asPath)) {
    if (await exists(join(asPath, 'theme.json'))) return asPath;
    throw new ThemeError(`Theme folder ${asPath} has no theme.json: a theme needs theme.json, layout.hbs, partials/ and styles/.`);
  }
  const available = await listThemes(builtIn);
  throw new ThemeError(
    `Unknown theme "${nameOrPath}": it is neither a built-in theme nor a folder. ` +
      `Available themes: ${available.length > 0 ? available.join(', ') : '(none found in ' + builtIn + ')'}; ` +
      'or pass the path to a theme folder.',
  );
}

async function readManifest(dir: string): Promise<ThemeManifest> {
  const file = join(dir, 'theme.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ThemeError(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = ThemeManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = manifestIssues(raw).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    throw new ThemeError(`Invalid ${file}: ${issues}`);
  }
  return parsed.data;
}

/** What is wrong with a parsed theme.json, by field ("fonts", "text.colophon"); empty when it is valid. */
export function manifestIssues(raw: unknown): Array<{ path: string; message: string }> {
  const parsed = ThemeManifestSchema.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Asset problems as one error: every problem with its place, so a theme author fixes them in one go. */
function assetError(themeName: string, problems: AssetProblem[]): ThemeError {
  const lines = problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`);
  return new ThemeError(`Theme "${themeName}" cannot use its assets (briefing templates validate lists them):\n${lines.join('\n')}`);
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The theme and its ancestors, root ancestor last. */
async function manifestChain(dir: string, themesDir: string | undefined): Promise<Array<{ dir: string; manifest: ThemeManifest }>> {
  const chain: Array<{ dir: string; manifest: ThemeManifest }> = [];
  let current: string | null = dir;
  while (current) {
    if (chain.some((c) => c.dir === current)) {
      throw new ThemeError(`Theme ${dir} extends itself through ${chain.map((c) => c.manifest.name).join(' -> ')}.`);
    }
    const manifest = await readManifest(current);
    chain.push({ dir: current, manifest });
    // A parent is resolved from the child's folder, so sibling themes can be named by relative path.
    current = manifest.extends ? await resolveThemeDir(manifest.extends, current, themesDir) : null;
  }
  return chain;
}

const loadedThemes = new FolderCache<LoadedTheme>();

/** How a theme's templates are compiled; scripts/precompile-themes.mjs compiles the built-in ones with the same. */
export const TEMPLATE_COMPILE_OPTIONS = { noEscape: false } as const;

/**
 * Loads a theme: manifest chain, layout, partials (registered on a fresh Handlebars instance), styles. A process
 * keeps the loaded (and, once rendered, compiled) theme while none of its folders' files change, so the server and
 * the scheduler read and compile a theme once, not per briefing.
 */
export async function loadTheme(
  nameOrPath: string = DEFAULT_THEME,
  cwd: string = process.cwd(),
  themesDir?: string,
): Promise<LoadedTheme> {
  const dir = await resolveThemeDir(nameOrPath, cwd, themesDir);
  return loadedThemes.get(`${dir}\0${themesDir ?? ''}`, async () => {
    const theme = await readTheme(dir, themesDir);
    // The default theme's folder too: a theme without an e-mail body of its own line mails with the default's.
    return { value: theme, dirs: [...new Set([...theme.chain, join(templatesDir(), DEFAULT_THEME)])] };
  });
}

async function readTheme(dir: string, themesDir: string | undefined): Promise<LoadedTheme> {
  const chain = await manifestChain(dir, themesDir);
  const own = chain[0]!.manifest;

  const { assets, problems } = await readThemeAssets(chain.map((c) => c.dir));
  const hb = handlebars().create();
  const locale = chain.find((c) => c.manifest.locale)?.manifest.locale;
  registerHelpers(hb, { locale, asset: (name) => assetDataUrl(name, assets) });
  // An error thrown mid-render then says which partial and line it came from (see template-errors.ts).
  locateHelperErrors(hb);

  let layoutSource: { file: string; source: string } | null = null;
  const partials = new Map<string, { file: string; source: string }>();
  const css = { screen: [] as string[], print: [] as string[] };
  let emailSource: { file: string; source: string } | null = null;
  const emailCss: string[] = [];
  const text: Record<string, string> = {};
  // Ancestors first, so the theme's own files override theirs.
  for (const { dir: themeDir, manifest } of [...chain].reverse()) {
    const layoutFile = join(themeDir, 'layout.hbs');
    const layout = await readOptional(layoutFile);
    if (layout !== null) layoutSource = { file: layoutFile, source: layout };
    const partialDir = join(themeDir, 'partials');
    const files = (await isDirectory(partialDir)) ? (await readdir(partialDir)).filter((f) => extname(f) === '.hbs').sort() : [];
    for (const file of files) {
      partials.set(basename(file, '.hbs'), { file: join(partialDir, file), source: await readFile(join(partialDir, file), 'utf8') });
    }
    for (const kind of ['screen', 'print'] as const) {
      const file = join(themeDir, 'styles', `${kind}.css`);
      const sheet = await readOptional(file);
      if (!sheet) continue;
      const inlined = inlineCssAssets(sheet, { file, themeDir }, assets);
      problems.push(...inlined.problems);
      css[kind].push(inlined.css);
    }
    const email = await readEmailPart(themeDir);
    if (email.template) emailSource = email.template;
    if (email.css) {
      // Inlined like the page's styles: a url() in an e-mail could otherwise load a tracker when it is opened.
      const inlined = inlineCssAssets(email.css, { file: join(themeDir, 'styles', 'email.css'), themeDir }, assets);
      problems.push(...inlined.problems);
      emailCss.push(inlined.css);
    }
    Object.assign(text, manifest.text ?? {});
  }
  if (problems.length > 0) throw assetError(own.name, problems);
  if (layoutSource === null) throw new ThemeError(`Theme "${own.name}" (${dir}) has no layout.hbs, nor does any theme it extends.`);
  if (emailSource === null) {
    // Every theme can be mailed: without an e-mail body of its own line, the default theme's (and its styles, first).
    const fallback = await readEmailPart(join(templatesDir(), DEFAULT_THEME));
    if (!fallback.template) throw new ThemeError(`The built-in ${DEFAULT_THEME} theme has no email.hbs: the installation is incomplete; reinstall briefing.`);
    emailSource = fallback.template;
    if (fallback.css) emailCss.unshift(fallback.css);
  }
  const labels = await themeLabels(own.name, chain.map((c) => c.dir), [layoutSource, ...partials.values(), emailSource]);

  // compile() is lazy: parse now so a syntax error names the file at load time, not mid-render, and compile
  // the parsed template rather than the source, which compile() would parse a second time. A built-in theme's
  // template comes compiled with the program (precompiled-themes.ts, found by its text, so an edited one is not):
  // parsing and compiling them was about 90 ms of CPU of every fresh process that renders a page.
  const compile = (file: string, source: string): Handlebars.TemplateDelegate => {
    const precompiled = PRECOMPILED_TEMPLATES.get(source);
    if (precompiled) {
      try {
        return locateTemplateErrors(file, hb.template(precompiled()));
      } catch {
        // Compiled by another Handlebars than the one installed (it refuses the template): compile it here.
      }
    }
    let parsed: ReturnType<typeof parseTemplate>;
    try {
      parsed = parseTemplate(hb, file, source);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      const { line, column } = error.location;
      throw new ThemeTemplateError(`Theme "${own.name}": template error in ${file}:${line}:${column}: ${error.message}`, error.location, error.message, { cause: error });
    }
    return locateTemplateErrors(file, hb.compile(parsed, TEMPLATE_COMPILE_OPTIONS));
  };
  for (const [name, { file, source }] of partials) hb.registerPartial(name, compile(file, source));
  return {
    name: own.name,
    description: own.description,
    dir,
    chain: chain.map((c) => c.dir),
    paper: chain.find((c) => c.manifest.paper)?.manifest.paper ?? 'a4',
    locale,
    fonts: chain.find((c) => c.manifest.fonts)?.manifest.fonts ?? 'embedded',
    accent: chain.find((c) => c.manifest.accent)?.manifest.accent ?? DEFAULT_ACCENT,
    text,
    handlebars: hb,
    layout: compile(layoutSource.file, layoutSource.source),
    css: { screen: css.screen.join('\n'), print: css.print.join('\n') },
    assets,
    labels,
    email: { file: emailSource.file, template: compile(emailSource.file, emailSource.source), css: emailCss.join('\n') },
  };
}

/** A theme folder's own e-mail body and e-mail styles, each null when the folder has none. */
async function readEmailPart(themeDir: string): Promise<{ template: { file: string; source: string } | null; css: string | null }> {
  const file = join(themeDir, 'email.hbs');
  const source = await readOptional(file);
  return { template: source === null ? null : { file, source }, css: await readOptional(join(themeDir, 'styles', 'email.css')) };
}

/**
 * Reads the `locales/` catalogs of the theme's folders and checks them against the labels that exist (the
 * program's and those the templates name), so a mistyped key is an error naming the file, not a label that
 * silently stays English. A label a template names must have English text somewhere, the fallback of every locale.
 */
async function themeLabels(name: string, dirs: string[], templates: Array<{ file: string; source: string }>): Promise<ThemeLabels> {
  let catalogs: Catalogs[];
  try {
    catalogs = await Promise.all(dirs.map((d) => readCatalogs(join(d, 'locales'))));
  } catch (error) {
    if (error instanceof LabelsError) throw new ThemeError(`Theme "${name}": ${error.message}`, { cause: error });
    throw error;
  }
  const english = (key: string) => englishMessage(catalogs, key);
  const known = builtInKeys();
  const problems: string[] = [];
  for (const { file, source } of templates) {
    for (const key of keysUsedIn(source)) {
      known.add(key);
      if (english(key) === undefined) {
        const guess = didYouMean(key, builtInKeys());
        problems.push(`${file}: {{t "${key}"}} names a label no catalog defines${guess ? ` (did you mean "${guess}"?)` : ''}; add "${key}" to ${join(dirs[0]!, 'locales', 'en.json')}`);
      }
    }
  }
  for (const folder of catalogs) {
    for (const { file, catalog } of folder.values()) {
      for (const p of checkOverrides(catalog, known, english)) problems.push(`${file}: ${p.message}`);
    }
  }
  if (problems.length > 0) throw new ThemeError(`Theme "${name}": ${problems.join('; ')}.`);
  return { catalogs, known };
}

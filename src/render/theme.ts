import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { UsageError } from '../util/errors.js';
import { isCssColour } from './branding.js';
import { registerHelpers } from './helpers.js';
import { locateHelperErrors, locateTemplateErrors, parseTemplate, TemplateSyntaxError, type TemplateLocation } from './template-errors.js';

/**
 * Themes: a folder with theme.json, layout.hbs, partials/*.hbs, styles/screen.css and styles/print.css.
 * Built-in themes live in the repository's templates/<name>/; `--theme` may also be a path to a folder.
 * A theme may extend another: it inherits the parent's layout, partials and styles and overrides by name
 * (its styles are appended after the parent's, so later rules win).
 */

export const DEFAULT_THEME = 'default';

/** The default theme's --accent, for themes that name none. */
export const DEFAULT_ACCENT = '#8c1c13';

const ThemeManifestSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  extends: z.string().min(1).optional(),
  paper: z.enum(['a4', 'letter']).optional(),
  locale: z.string().min(2).optional(),
  /** "embedded" inlines the web fonts; "system" (e-mail bodies) uses the reader's fonts and keeps the file small. */
  fonts: z.enum(['embedded', 'system']).optional(),
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
  themesDir: string | undefined = process.env.BRIEFING_THEMES_DIR,
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
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ThemeError(`Invalid ${file}: ${issues}`);
  }
  return parsed.data;
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

/** Loads a theme: manifest chain, layout, partials (registered on a fresh Handlebars instance), styles. */
export async function loadTheme(
  nameOrPath: string = DEFAULT_THEME,
  cwd: string = process.cwd(),
  themesDir: string | undefined = process.env.BRIEFING_THEMES_DIR,
): Promise<LoadedTheme> {
  const dir = await resolveThemeDir(nameOrPath, cwd, themesDir);
  const chain = await manifestChain(dir, themesDir);
  const own = chain[0]!.manifest;

  const hb = Handlebars.create();
  const locale = chain.find((c) => c.manifest.locale)?.manifest.locale;
  registerHelpers(hb, { locale });
  // An error thrown mid-render then says which partial and line it came from (see template-errors.ts).
  locateHelperErrors(hb);

  let layoutSource: { file: string; source: string } | null = null;
  const partials = new Map<string, { file: string; source: string }>();
  const css = { screen: [] as string[], print: [] as string[] };
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
      const sheet = await readOptional(join(themeDir, 'styles', `${kind}.css`));
      if (sheet) css[kind].push(sheet);
    }
    Object.assign(text, manifest.text ?? {});
  }
  if (layoutSource === null) throw new ThemeError(`Theme "${own.name}" (${dir}) has no layout.hbs, nor does any theme it extends.`);

  // compile() is lazy: parse() now so a syntax error names the file at load time, not mid-render.
  const compile = (file: string, source: string): Handlebars.TemplateDelegate => {
    try {
      parseTemplate(hb, file, source);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      const { line, column } = error.location;
      throw new ThemeTemplateError(`Theme "${own.name}": template error in ${file}:${line}:${column}: ${error.message}`, error.location, error.message, { cause: error });
    }
    return locateTemplateErrors(file, hb.compile(source, { noEscape: false }));
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
  };
}

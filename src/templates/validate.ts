import { briefingJsonSchema, type Briefing } from '../model/schema.js';
import { handlebars } from '../render/handlebars.js';
import { HELPERS, registerHelpers } from '../render/helpers.js';
import { renderEmail } from '../render/email.js';
import { renderHtml } from '../render/html.js';
import { describeParseError } from '../render/template-errors.js';
import { resolveThemeDir, ThemeTemplateError } from '../render/theme.js';
import { checkAssets, checkManifests, type AssetInfo } from './check-assets.js';
import { ManifestError, readThemeSources, type ThemeSource } from './theme-files.js';
import { TemplateWalker, type Node, type Template, type ThemeProblem } from './walk.js';

export type { ProblemKind, ThemeProblem } from './walk.js';
export type { AssetInfo } from './check-assets.js';

export interface ValidateOptions {
  /** When given (and the templates parse), the theme is also rendered with it: a runtime error becomes a 'render' problem. */
  sample?: Briefing;
  /** Where a relative theme path is resolved from (default process.cwd()). */
  cwd?: string;
  /** The user's themes folder, looked in first for a theme given by name. */
  themesDir?: string;
}

export interface ValidationResult {
  ok: boolean;
  /** Sorted by file, line, column. */
  problems: ThemeProblem[];
  /** The files of the theme's assets/ folders (its own and its parents'), by name; the broken ones are problems instead. */
  assets: AssetInfo[];
}

/** The names a theme's templates may call: Handlebars' built-ins plus registerHelpers'. */
export function themeHelperNames(): Set<string> {
  const hb = handlebars().create();
  registerHelpers(hb);
  return new Set(Object.keys(hb.helpers));
}

/** Helpers marked as returning HTML they escaped themselves (HELPERS' `returns: 'HTML'`): allowed in {{{ }}}. */
export function safeHelperNames(): Set<string> {
  return new Set(HELPERS.filter((h) => h.returns === 'HTML').map((h) => h.name));
}

function parse(entry: ThemeSource, problems: ThemeProblem[]): Template | null {
  try {
    return { file: entry.file, body: (handlebars().parse(entry.source) as unknown as { body: Node[] }).body };
  } catch (error) {
    const failure = describeParseError(entry.source, error);
    problems.push({ file: entry.file, line: failure.line, column: failure.column, kind: 'syntax', message: failure.message });
    return null;
  }
}

function collectInline(nodes: Node[], into: Set<string>): void {
  for (const node of nodes) {
    if (node.type === 'DecoratorBlock' && node.params?.[0] && typeof node.params[0].original === 'string') into.add(node.params[0].original);
    if (node.program) collectInline(node.program.body, into);
    if (node.inverse) collectInline(node.inverse.body, into);
  }
}

function sortProblems(problems: ThemeProblem[]): ThemeProblem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.kind}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
}

/**
 * Checks every template of a theme and of the themes it extends: syntax, partials and helpers that do
 * not exist, and field paths the briefing model does not have (only where the context is certain).
 */
export async function validateTheme(path: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const problems: ThemeProblem[] = [];
  let dir: string;
  let sources: Awaited<ReturnType<typeof readThemeSources>>;
  try {
    dir = await resolveThemeDir(path, options.cwd, options.themesDir);
    sources = await readThemeSources(dir, options.themesDir);
  } catch (error) {
    const where = error instanceof ManifestError ? { file: error.file, line: error.line, column: error.column } : { file: path, line: 1, column: 1 };
    return { ok: false, problems: [{ ...where, kind: 'syntax', message: (error as Error).message }], assets: [] };
  }
  if (!sources.layout) {
    problems.push({ file: sources.chain[0]!.dir, line: 1, column: 1, kind: 'syntax', message: 'No layout.hbs in the theme or the themes it extends.' });
  }

  const parsed = new Map<string, Template>();
  for (const entry of sources.templates) {
    const template = parse(entry, problems);
    if (template) parsed.set(entry.file, template);
  }
  const partials = new Map<string, Template>();
  for (const [name, entry] of sources.partials) {
    const template = parsed.get(entry.file);
    if (template) partials.set(name, template);
  }
  const inlinePartials = new Set<string>();
  for (const template of parsed.values()) collectInline(template.body, inlinePartials);
  // A partial that failed to parse is defined all the same: its syntax error is the problem to report.
  const definedButBroken = [...sources.partials.keys()].filter((name) => !partials.has(name));
  for (const name of definedButBroken) inlinePartials.add(name);

  const walker = new TemplateWalker({
    schema: briefingJsonSchema(),
    helpers: themeHelperNames(),
    safeHelpers: safeHelperNames(),
    partials,
    inlinePartials,
    report: (problem) => problems.push(problem),
  });
  for (const template of parsed.values()) walker.walkUnknown(template);
  const layout = sources.layout ? parsed.get(sources.layout.file) : undefined;
  if (layout) walker.walkWithRoot(layout);
  const email = sources.email ? parsed.get(sources.email.file) : undefined;
  if (email) walker.walkWithRoot(email);

  const dirs = sources.chain.map((c) => c.dir);
  problems.push(...(await checkManifests(dirs)));
  const checked = await checkAssets(dirs, sources.templates.map((t) => ({ ...t, body: parsed.get(t.file)?.body })));
  problems.push(...checked.problems);

  if (options.sample && problems.length === 0) {
    try {
      await renderHtml(options.sample, { theme: dir });
    } catch (error) {
      // Located in the partial that failed, at the helper's line, when the render could tell (template-errors.ts).
      const where = error instanceof ThemeTemplateError ? error.location : { file: sources.layout?.file ?? dir, line: 1, column: 1 };
      const detail = error instanceof ThemeTemplateError ? error.detail : (error as Error).message;
      problems.push({ ...where, kind: 'render', message: `Rendering the sample failed: ${detail}` });
    }
    try {
      await renderEmail(options.sample, { theme: dir, edition: 'sample' });
    } catch (error) {
      problems.push({ file: sources.email?.file ?? dir, line: 1, column: 1, kind: 'render', message: `Rendering the sample's e-mail failed: ${(error as Error).message}` });
    }
  }
  const sorted = sortProblems(problems);
  return { ok: sorted.length === 0, problems: sorted, assets: checked.assets };
}

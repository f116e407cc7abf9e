import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { loadTheme, templatesDir, type LoadedTheme } from '../render/theme.js';

/** Per loaded theme (the same object while its files are unchanged, render/theme.ts) and working folder. */
const warningsByTheme = new WeakMap<LoadedTheme, Map<string, Promise<string[]>>>();

/**
 * What `generate` says about a theme that renders but not as its author meant: a field the model does not
 * have (it renders as nothing) and {{{ }}} on model text. Found by the same static walk as `templates
 * validate`, so each appears once with its file and line, not once per story the template is rendered for.
 * Problems that stop the render (syntax, unknown partials) are left to the render, which fails with them.
 */
export async function themeWarnings(
  name: string,
  options: { cwd?: string; themesDir?: string; /** The theme as the render loaded it (`loadTheme` of the same name, cwd and themesDir). */ theme?: LoadedTheme } = {},
): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  let theme: LoadedTheme;
  try {
    theme = options.theme ?? (await loadTheme(name, cwd, options.themesDir));
  } catch {
    // A theme that does not load fails the render with its own error; what the walk finds is said all the same.
    return findWarnings(name, cwd, options.themesDir);
  }
  // A built-in theme, with only built-ins above it, has no warnings: the test suite validates each with zero problems
  // (test/templates/validate.test.ts), so a run does not read and parse its templates a second time to find none.
  if (theme.chain.every(isBuiltIn)) return [];
  // The walk reads and parses every template: a process rendering many briefings walks a theme once per change.
  let byCwd = warningsByTheme.get(theme);
  if (!byCwd) warningsByTheme.set(theme, (byCwd = new Map()));
  let found = byCwd.get(cwd);
  if (!found) {
    found = findWarnings(name, cwd, options.themesDir);
    byCwd.set(cwd, found);
    found.catch(() => byCwd.delete(cwd));
  }
  return found;
}

function isBuiltIn(themeDir: string): boolean {
  return dirname(resolve(themeDir)) === resolve(templatesDir());
}

async function findWarnings(theme: string, cwd: string, themesDir: string | undefined): Promise<string[]> {
  // The walk's modules are loaded by the first theme that is walked: a run with a built-in theme needs none of them.
  const { validateTheme } = await import('./validate.js');
  const result = await validateTheme(theme, { cwd, themesDir });
  const shown = (file: string) => {
    const path = relative(cwd, file);
    return path && !path.startsWith('..') && !isAbsolute(path) ? path : file;
  };
  const warnings: string[] = [];
  for (const p of result.problems) {
    const where = `${shown(p.file)}:${p.line}:${p.column}`;
    if (p.kind === 'unknown-field') {
      warnings.push(`${where}: ${p.message.replace(/\.$/, '')}: it renders as nothing. Fix the name (briefing templates reference lists the fields), then run briefing templates validate.`);
    } else if (p.kind === 'unescaped') {
      warnings.push(`${where}: ${p.message}`);
    }
  }
  return warnings;
}

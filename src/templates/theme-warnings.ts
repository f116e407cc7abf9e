import { isAbsolute, relative } from 'node:path';
import { FolderCache } from '../render/folder-cache.js';
import { loadTheme } from '../render/theme.js';
import { validateTheme } from './validate.js';

const warningsByTheme = new FolderCache<string[]>();

/**
 * What `generate` says about a theme that renders but not as its author meant: a field the model does not
 * have (it renders as nothing) and {{{ }}} on model text. Found by the same static walk as `templates
 * validate`, so each appears once with its file and line, not once per story the template is rendered for.
 * Problems that stop the render (syntax, unknown partials) are left to the render, which fails with them.
 */
export async function themeWarnings(theme: string, options: { cwd?: string; themesDir?: string } = {}): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  let dirs: readonly string[];
  try {
    dirs = (await loadTheme(theme, cwd, options.themesDir)).chain;
  } catch {
    // A theme that does not load fails the render with its own error; what the walk finds is said all the same.
    return findWarnings(theme, cwd, options.themesDir);
  }
  // The walk reads and parses every template: a process rendering many briefings walks a theme once per change.
  return warningsByTheme.get(`${theme}\0${cwd}\0${options.themesDir ?? ''}`, async () => ({
    value: await findWarnings(theme, cwd, options.themesDir),
    dirs,
  }));
}

async function findWarnings(theme: string, cwd: string, themesDir: string | undefined): Promise<string[]> {
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

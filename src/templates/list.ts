import { join, resolve } from 'node:path';
import { listThemes, templatesDir } from '../render/theme.js';
import { readManifestInfo } from './theme-files.js';

export interface ThemeInfo {
  /** The folder name: what `--theme` takes for a built-in, and the key a user theme overrides by. */
  name: string;
  dir: string;
  builtIn: boolean;
  extends: string | null;
  description: string;
  /** Set when theme.json cannot be read; the theme is still listed so the user sees it is broken. */
  error?: string;
}

export interface ListOptions {
  /** A folder of the user's themes (each a subfolder with theme.json). */
  userThemesDir?: string;
  /** Where the built-in themes live (default: the repository's templates/). */
  builtInDir?: string;
}

async function describeTheme(name: string, dir: string, builtIn: boolean): Promise<ThemeInfo> {
  try {
    const manifest = await readManifestInfo(dir);
    return { name, dir, builtIn, extends: manifest.extends, description: manifest.description };
  } catch (error) {
    return { name, dir, builtIn, extends: null, description: '', error: (error as Error).message };
  }
}

/** Built-in themes and the user's, sorted by name; a user theme replaces a built-in of the same name. */
export async function listThemeInfo(options: ListOptions = {}): Promise<ThemeInfo[]> {
  const builtInDir = options.builtInDir ?? templatesDir();
  const byName = new Map<string, ThemeInfo>();
  for (const name of await listThemes(builtInDir)) byName.set(name, await describeTheme(name, join(builtInDir, name), true));
  if (options.userThemesDir) {
    const userDir = resolve(options.userThemesDir);
    for (const name of await listThemes(userDir)) byName.set(name, await describeTheme(name, join(userDir, name), false));
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

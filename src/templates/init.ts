import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { resolveThemeDir, ThemeError } from '../render/theme.js';
import { readThemeSources } from './theme-files.js';

export interface InitOptions {
  /** The theme to extend: a built-in name or a theme folder (default "default"). */
  from?: string;
  /** The folder the new theme folder is created in (default process.cwd()). */
  dir?: string;
  /** The user themes folder (the configuration's `themesDir`), where `from` is looked for before the built-ins. */
  themesDir?: string;
}

export interface InitResult {
  /** The new theme's folder (absolute). */
  dir: string;
  /** The files written, relative to `dir`, sorted. */
  files: string[];
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
/** The partial copied as an example: the one a house style changes first. */
const EXAMPLE_PARTIALS = ['masthead'];
const FALLBACK_ACCENT = '#8c1c13';

function looksLikePath(value: string): boolean {
  return isAbsolute(value) || value.startsWith('.') || value.includes('/') || value.includes(sep);
}

/** The parent's accent colour, so the new theme starts out looking like what it extends. */
function accentOf(css: string): string {
  return /--accent\s*:\s*([^;}]+)/.exec(css)?.[1]?.trim() ?? FALLBACK_ACCENT;
}

function readme(name: string, from: string, partial: string | null): string {
  return `# ${name}

A briefing theme that extends \`${from}\`: it uses that theme's layout, partials and styles, and
overrides only what is in this folder.

- \`theme.json\`: name, description, \`extends\`, and optionally \`paper\` (a4, letter), \`locale\` and \`text\`.
${partial ? `- \`partials/${partial}.hbs\`: a copy of the parent's ${partial}, to edit. Add any other partial of the
  parent under the same name to override it; delete this one to use the parent's again.\n` : ''}- \`styles/screen.css\` and \`styles/print.css\`: added after the parent's styles, so these rules win.

Templates are Handlebars. Use \`{{ }}\` (escaped) for anything that comes from articles, never \`{{{ }}}\`.
Check the theme and see it while you edit:

\`\`\`sh
briefing templates validate ./${name}
briefing templates preview ./${name} --watch
briefing generate --theme ./${name}
\`\`\`
`;
}

/**
 * Creates a theme folder ready to edit and to render: theme.json extending `from`, one of the parent's
 * partials as an example, screen and print CSS with the accent variable, and a README. Never overwrites:
 * the files are written to a temporary folder that is renamed into place, which fails if the folder exists.
 */
export async function initTheme(name: string, options: InitOptions = {}): Promise<InitResult> {
  if (!NAME.test(name)) {
    throw new ThemeError(`Invalid theme name "${name}": use letters, digits, "-" and "_" (at most 64), starting with a letter or digit.`);
  }
  const from = options.from ?? 'default';
  const parentDir = resolve(options.dir ?? process.cwd());
  const target = join(parentDir, name);
  const fromDir = await resolveThemeDir(from, process.cwd(), options.themesDir);
  const sources = await readThemeSources(fromDir, options.themesDir);
  // A built-in stays a name; a folder is written relative to the new theme, as loadTheme resolves it.
  const extendsValue = looksLikePath(from) ? relative(target, fromDir) || '.' : from;

  const example = EXAMPLE_PARTIALS.map((p) => sources.partials.get(p) ? p : null).find((p) => p !== null) ?? [...sources.partials.keys()][0] ?? null;
  const screenCss = await readFile(join(fromDir, 'styles', 'screen.css'), 'utf8').catch(() => '');
  const files: Record<string, string> = {
    'theme.json': `${JSON.stringify({ name, description: `Based on ${sources.chain[0]!.name}: edit this description.`, extends: extendsValue }, null, 2)}\n`,
    'styles/screen.css': `/* Added after ${sources.chain[0]!.name}'s styles: a rule here overrides the parent's. */\n:root {\n  --accent: ${accentOf(screenCss)};\n}\n`,
    'styles/print.css': `/* Print rules, added after ${sources.chain[0]!.name}'s print styles. */\n`,
    'README.md': readme(name, extendsValue, example),
  };
  if (example) files[`partials/${example}.hbs`] = sources.partials.get(example)!.source;

  await mkdir(parentDir, { recursive: true });
  const staging = join(parentDir, `.${name}.init-${process.pid}-${Date.now()}`);
  try {
    for (const [file, content] of Object.entries(files)) {
      await mkdir(dirname(join(staging, file)), { recursive: true });
      await writeFile(join(staging, file), content, { flag: 'wx' });
    }
    try {
      await mkdir(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new ThemeError(`${target} already exists: choose another name or folder (nothing was overwritten).`);
      }
      throw error;
    }
    // rename() onto the empty folder we just made is atomic; a folder someone fills meanwhile makes it fail instead.
    await rename(staging, target).catch(async (error: unknown) => {
      await rmdir(target).catch(() => undefined);
      throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { dir: target, files: Object.keys(files).sort() };
}

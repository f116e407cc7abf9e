import { formatBytes } from '../util/format-bytes.js';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { sniffMediaType } from './media-type.js';

/**
 * A theme's `assets/` folder: fonts, images and stylesheets that ship with the theme and are inlined as data:
 * URLs wherever the theme refers to them (its CSS's url() and @import, the `asset` template helper), so a
 * rendered page still makes no request. Read once per theme load; a theme that extends another sees its
 * parent's assets too, its own winning by name (as partials do).
 */

/** One asset file at most (a full-coverage font is about 1 MB; a print-quality seal a few hundred KB). */
export const MAX_ASSET_BYTES = 2 * 1024 * 1024;
/** All of one theme folder's assets together. */
export const MAX_THEME_ASSETS_BYTES = 8 * 1024 * 1024;
/** Folders below assets/ (fonts/inter/...): deeper is a mistake, or a symlink loop. */
const MAX_DEPTH = 8;

export type AssetKind = 'font' | 'image' | 'stylesheet' | 'document';

export interface ThemeAsset {
  /** The path below assets/, with forward slashes ("fonts/house.woff2"): how the theme refers to it. */
  name: string;
  /** Absolute path of the file. */
  file: string;
  /** The theme folder it belongs to. */
  themeDir: string;
  kind: AssetKind;
  mediaType: string;
  bytes: Buffer;
}

/** A problem with an asset or a reference to one, where it is and what to do. */
export interface AssetProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

interface FileType {
  kind: AssetKind;
  /** Media types the content may have (sniffed); text files have none to sniff. */
  accepts: readonly string[];
}

const TYPES: Record<string, FileType> = {
  '.woff2': { kind: 'font', accepts: ['font/woff2'] },
  '.woff': { kind: 'font', accepts: ['font/woff'] },
  // Many .ttf files hold CFF outlines and many .otf TrueType ones: either sfnt flavour is a font.
  '.ttf': { kind: 'font', accepts: ['font/ttf', 'font/otf'] },
  '.otf': { kind: 'font', accepts: ['font/otf', 'font/ttf'] },
  '.png': { kind: 'image', accepts: ['image/png'] },
  '.jpg': { kind: 'image', accepts: ['image/jpeg'] },
  '.jpeg': { kind: 'image', accepts: ['image/jpeg'] },
  '.gif': { kind: 'image', accepts: ['image/gif'] },
  '.webp': { kind: 'image', accepts: ['image/webp'] },
  '.svg': { kind: 'image', accepts: ['image/svg+xml'] },
  '.css': { kind: 'stylesheet', accepts: [] },
  // A font's licence (OFL.txt) must travel with it; it is listed, never inlined.
  '.txt': { kind: 'document', accepts: [] },
  '.md': { kind: 'document', accepts: [] },
};

export const ALLOWED_ASSET_TYPES = 'fonts (woff2, woff, ttf, otf), images (png, jpg/jpeg, gif, webp, svg), stylesheets (css) and licence texts (txt, md)';

const TEXT_TYPES: Record<string, string> = { stylesheet: 'text/css', document: 'text/plain' };

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}


/** Checks one file against the allowed types (by content) and the per-file cap; returns the asset or a problem. */
function classify(name: string, file: string, themeDir: string, bytes: Buffer): ThemeAsset | string {
  const ext = extname(name).toLowerCase();
  const type = TYPES[ext];
  if (!type) return `assets/${name} is not a type a theme may ship: ${ALLOWED_ASSET_TYPES}. Convert it or move it out of assets/.`;
  const sniffed = sniffMediaType(bytes);
  if (type.accepts.length === 0) {
    if (sniffed || !isUtf8Text(bytes)) return `assets/${name} is named ${ext} but is not UTF-8 text${sniffed ? ` (its content is ${sniffed})` : ''}: save it as text or give it the right extension.`;
    return { name, file, themeDir, kind: type.kind, mediaType: TEXT_TYPES[type.kind]!, bytes };
  }
  if (!sniffed || !type.accepts.includes(sniffed)) {
    const found = sniffed ? `its content is ${sniffed}` : 'its content is not a known font or image';
    return `assets/${name} is named ${ext} but ${found}: export it again as ${ext.slice(1)}, or rename it to match its content.`;
  }
  return { name, file, themeDir, kind: type.kind, mediaType: sniffed, bytes };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Every file under one theme's assets/ (dot files skipped), with problems for what may not ship. */
async function readOneTheme(themeDir: string, problems: AssetProblem[]): Promise<ThemeAsset[]> {
  const root = join(themeDir, 'assets');
  try {
    if (!(await stat(root)).isDirectory()) return [];
  } catch {
    return [];
  }
  const realTheme = await realpath(themeDir);
  const found: ThemeAsset[] = [];
  let total = 0;
  const problem = (file: string, message: string) => problems.push({ file, line: 1, column: 1, message });

  const walk = async (dir: string, depth: number): Promise<void> => {
    if (!inside(realTheme, await realpath(dir))) {
      problem(dir, `${relative(themeDir, dir)} leads outside the theme folder (a symlink): copy the files into the theme instead.`);
      return;
    }
    for (const entry of (await readdir(dir)).sort()) {
      if (entry.startsWith('.')) continue;
      const file = join(dir, entry);
      const name = relative(root, file).split(sep).join('/');
      const link = (await lstat(file)).isSymbolicLink();
      if (link) {
        let target: string;
        try {
          target = await realpath(file);
        } catch {
          problem(file, `assets/${name} is a broken symlink: remove it or copy the file itself.`);
          continue;
        }
        if (!inside(realTheme, target)) {
          problem(file, `assets/${name} is a symlink to ${target}, outside the theme folder: copy the file into the theme instead.`);
          continue;
        }
      }
      const info = await stat(file);
      if (info.isDirectory()) {
        if (depth >= MAX_DEPTH) problem(file, `assets/${name} is more than ${MAX_DEPTH} folders deep: flatten the assets folder.`);
        else await walk(file, depth + 1);
        continue;
      }
      if (!info.isFile()) continue;
      if (info.size > MAX_ASSET_BYTES) {
        problem(file, `assets/${name} is ${formatBytes(info.size)}; an asset may be at most ${formatBytes(MAX_ASSET_BYTES)} (it is inlined into every output): subset or compress it (e.g. woff2 for fonts).`);
        continue;
      }
      total += info.size;
      // Past the theme's cap the run fails anyway (below): sizes are still summed for the message, nothing more is read.
      if (total > MAX_THEME_ASSETS_BYTES) continue;
      const asset = classify(name, file, themeDir, await readFile(file));
      if (typeof asset === 'string') problem(file, asset);
      else found.push(asset);
    }
  };
  try {
    await walk(root, 0);
  } catch (error) {
    // Unreadable (permissions, a file removed mid-walk): a problem to report, never a crash.
    problem(root, `Cannot read the theme's assets/: ${(error as Error).message}`);
  }
  if (total > MAX_THEME_ASSETS_BYTES) {
    problem(root, `The theme's assets/ holds ${formatBytes(total)}; a theme may ship at most ${formatBytes(MAX_THEME_ASSETS_BYTES)}: remove files it does not use or compress them.`);
  }
  return found;
}

/** The assets a theme can use: its own and its ancestors', by name, the nearest theme's winning. */
export class ThemeAssets {
  private readonly urls = new Map<string, string>();

  constructor(private readonly byName: ReadonlyMap<string, ThemeAsset>) {}

  static readonly empty = new ThemeAssets(new Map());

  get(name: string): ThemeAsset | undefined {
    return this.byName.get(name);
  }

  /** Every asset in effect, sorted by name. */
  list(): ThemeAsset[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The asset as a data: URL, made once per theme load (a theme's CSS may name one font many times). */
  dataUrl(asset: ThemeAsset): string {
    let url = this.urls.get(asset.name);
    if (url === undefined) {
      url = `data:${asset.mediaType};base64,${asset.bytes.toString('base64')}`;
      this.urls.set(asset.name, url);
    }
    return url;
  }

  /** Fonts whose data: URL was handed out: the ones an output may contain. */
  usedFonts(): ThemeAsset[] {
    return this.list().filter((a) => a.kind === 'font' && this.urls.has(a.name));
  }
}

/** Reads the assets of a theme and its ancestors (the theme first). Problems are returned, never thrown. */
export async function readThemeAssets(chain: readonly string[]): Promise<{ assets: ThemeAssets; problems: AssetProblem[] }> {
  const problems: AssetProblem[] = [];
  const byName = new Map<string, ThemeAsset>();
  for (const themeDir of chain) {
    for (const asset of await readOneTheme(themeDir, problems)) if (!byName.has(asset.name)) byName.set(asset.name, asset);
  }
  return { assets: new ThemeAssets(byName), problems };
}

export type Resolved = { asset: ThemeAsset } | { error: string };

/**
 * What a reference written in a theme file means. `from` is the referring file, so a CSS url() is relative to its
 * stylesheet as in a browser (`../assets/fonts/x.woff2` from styles/screen.css); it must land in the theme's
 * assets/ folder. Nothing is ever fetched: a URL with a scheme and an absolute path are refused.
 */
export function resolveReference(value: string, from: { file: string; themeDir: string }, assets: ThemeAssets): Resolved {
  const fix = 'put the file in the theme\'s assets/ folder and refer to it relatively';
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) {
    return { error: `"${value}" is not fetched (a rendered page makes no request): ${fix}.` };
  }
  if (value.startsWith('/') || value.startsWith('\\') || isAbsolute(value)) {
    return { error: `"${value}" is an absolute path; only files inside the theme can be used: ${fix}.` };
  }
  let path = value.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // a stray % stays as written
  }
  const fromDir = relative(from.themeDir, dirname(from.file)).split(sep).join('/');
  const inTheme = posix.normalize(posix.join(fromDir, path.replace(/\\/g, '/')));
  if (inTheme.startsWith('../') || inTheme === '..' || posix.isAbsolute(inTheme)) {
    return { error: `"${value}" leads outside the theme folder: ${fix}.` };
  }
  if (!inTheme.startsWith('assets/')) {
    const upToTheme = fromDir === '' ? '' : fromDir.split('/').map(() => '..').join('/') + '/';
    return { error: `"${value}" is ${inTheme} in the theme, not in assets/: move it to assets/${posix.basename(inTheme)} and write "${upToTheme}assets/${posix.basename(inTheme)}".` };
  }
  return lookup(inTheme.slice('assets/'.length), value, assets);
}

/** An asset by its name below assets/ (the `asset` helper's argument). */
export function resolveAssetName(name: string, assets: ThemeAssets): Resolved {
  if (/^[a-z][a-z0-9+.-]*:/i.test(name) || name.startsWith('/') || isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
    return { error: `"${name}" must be a file below the theme's assets/ folder, named relative to it ("images/seal.png").` };
  }
  return lookup(posix.normalize(name.replace(/\\/g, '/')).replace(/^(\.\/)+/, ''), name, assets);
}

function lookup(name: string, written: string, assets: ThemeAssets): Resolved {
  const asset = assets.get(name);
  if (asset) return { asset };
  const names = assets.list().map((a) => a.name);
  const near = names.filter((n) => posix.basename(n).toLowerCase() === posix.basename(name).toLowerCase());
  const hint = near.length > 0 ? `did you mean assets/${near[0]}?` : names.length > 0 ? `the theme's assets are ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}` : 'the theme has no assets/ folder';
  return { error: `"${written}": no file assets/${name} in the theme or the themes it extends (${hint}).` };
}

/** The `asset` helper's answer: the named font or image as a data: URL; anything else throws with the fix. */
export function assetDataUrl(name: string, assets: ThemeAssets): string {
  const resolved = resolveAssetName(name, assets);
  if ('error' in resolved) throw new Error(`{{asset}}: ${resolved.error}`);
  if (resolved.asset.kind === 'stylesheet' || resolved.asset.kind === 'document') {
    throw new Error(`{{asset "${name}"}}: a ${resolved.asset.kind} cannot be inlined into a page; {{asset}} is for fonts and images (@import a stylesheet from styles/*.css).`);
  }
  return assets.dataUrl(resolved.asset);
}

import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { tempDir } from '../helpers.js';

/**
 * Theme folders with assets for the asset tests: real font files from the system and real PNGs made here.
 * The test font is a monospace face no built-in theme uses (they use Source Serif 4 and Inter; the PDF
 * header uses DejaVu Sans), so finding it in a PDF proves the theme's own font was used.
 */

const MONO_FONTS = [
  { file: '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf', postscript: 'LiberationMono' },
  { file: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', postscript: 'DejaVuSansMono' },
];

export const testFont = MONO_FONTS.find((f) => existsSync(f.file)) ?? MONO_FONTS[0]!;

/** A width x height PNG of one colour (truecolour, no filter): the smallest real image a test can ship. */
export function png(width: number, height: number, rgb: [number, number, number] = [140, 28, 19]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes a theme folder: text and byte files by relative path; `copy` takes files from elsewhere. */
export async function writeTheme(files: Record<string, string | Buffer>, copy: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir('briefing-assets-');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  for (const [name, from] of Object.entries(copy)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await copyFile(from, join(dir, name));
  }
  return dir;
}

/**
 * A house theme on the default one: its font comes in through an @import of assets/css/house.css, its seal
 * through {{asset}} in the masthead and a CSS background.
 */
export async function houseTheme(): Promise<string> {
  return writeTheme(
    {
      'theme.json': JSON.stringify({ name: 'house', extends: 'default' }),
      'styles/screen.css': "@import url('../assets/css/house.css');\n.masthead-title { font-family: 'House Mono', serif; font-weight: 400; font-style: normal; }\n",
      'assets/css/house.css': "@font-face { font-family: 'House Mono'; font-weight: 400; src: url('../fonts/house.ttf') format('truetype'); }\n",
      'assets/images/seal.png': png(40, 40),
      'assets/fonts/OFL.txt': 'The font is under the SIL Open Font License 1.1.\n',
      'partials/masthead.hbs': '<header class="masthead"><img class="seal" src="{{asset "images/seal.png"}}" alt="Seal" width="40" height="40"><h1 class="masthead-title">{{title}}</h1></header>\n',
    },
    { 'assets/fonts/house.ttf': testFont.file },
  );
}

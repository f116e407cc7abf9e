/**
 * The media type of a file from its first bytes, never its name: a theme's assets and the branding's logo are
 * inlined into every output, so a renamed file must not pass for what it is not.
 */

export type SniffedType =
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'image/svg+xml'
  | 'font/woff2'
  | 'font/woff'
  | 'font/ttf'
  | 'font/otf';

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');

export function sniffMediaType(bytes: Buffer): SniffedType | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head4 = ascii(bytes, 0, 4);
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (head4 === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (head4 === 'wOF2') return 'font/woff2';
  if (head4 === 'wOFF') return 'font/woff';
  if (head4 === 'OTTO') return 'font/otf';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x00, 0x01, 0x00, 0x00])) || head4 === 'true') return 'font/ttf';
  // SVG only ever goes into an image context (<img>, CSS url()): it runs no script and loads nothing there.
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

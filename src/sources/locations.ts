/** True for an http(s) URL: the only schemes the program ever fetches. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Anything with a scheme ("file:///etc/passwd", "ftp://", "javascript:") that is not a plain path. */
export function hasScheme(value: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value);
}

/** A "pages" list file: one URL a line; blank lines and lines starting with # are ignored. */
export function parseUrlList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** A size as people read it in a message: "512 bytes", "1.5 KB", "5 MB" (binary units, at most one decimal). */
export function formatBytes(bytes: number): string {
  const megabyte = 1024 * 1024;
  if (bytes >= megabyte) return `${trimDecimal(bytes / megabyte)} MB`;
  if (bytes >= 1024) return `${trimDecimal(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trimDecimal(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

/** Resolves a link to an absolute http(s) URL; anything else (javascript:, data:, file:, mailto:, unresolvable) is null. */
export function resolveHttpUrl(ref: string | null | undefined, base?: string | null): string | null {
  const trimmed = ref?.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    // A malformed base must not hide an absolute link.
    try {
      url = new URL(trimmed);
    } catch {
      return null;
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}

/** A base for resolving: only absolute http(s) URLs can serve (a file path or a javascript: URL cannot). */
export function usableBase(...candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const resolved = resolveHttpUrl(candidate);
    if (resolved) return resolved;
  }
  return null;
}

/** Resolves any reference (used for xml:base chains, whose intermediate bases need not be http). */
export function resolveAnyUrl(ref: string | null | undefined, base?: string | null): string | null {
  const trimmed = ref?.trim();
  if (!trimmed) return base ?? null;
  try {
    return (base ? new URL(trimmed, base) : new URL(trimmed)).href;
  } catch {
    return base ?? null;
  }
}

/** Resolves a reference against a base of any scheme; null when empty or invalid. */
export function resolveUrl(ref: string | null | undefined, base?: string | null): string | null {
  const trimmed = ref?.trim();
  if (!trimmed) return null;
  try {
    return (base ? new URL(trimmed, base) : new URL(trimmed)).href;
  } catch {
    return null;
  }
}

/**
 * The identity of a page's URL: what makes two links the same article. The fragment, a default port, a trailing
 * slash and the common tracking parameters never name a different article; the host is compared in lower case.
 * Used wherever articles are matched by address (sources reading one page twice, memory across days).
 */
export function urlIdentity(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim() || null;
  }
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (/^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref)$/i.test(name)) parsed.searchParams.delete(name);
  }
  parsed.searchParams.sort();
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}${parsed.search}`;
}

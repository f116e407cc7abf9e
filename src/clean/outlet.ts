export interface OutletEvidence {
  metadata: string | null;
  credit: string | null;
  masthead: string | null;
  url: string | null;
}

/** The outlet and where it came from: metadata, a credit line, a masthead line, else the URL's host. */
export function decideOutlet(evidence: OutletEvidence): { outlet: string | null; outletSource: string | null } {
  const metadata = evidence.metadata?.trim();
  if (metadata) return { outlet: metadata, outletSource: 'metadata' };
  if (evidence.credit) return { outlet: evidence.credit, outletSource: 'credit-line' };
  if (evidence.masthead) return { outlet: evidence.masthead, outletSource: 'masthead' };
  const host = hostOf(evidence.url);
  return host ? { outlet: host, outletSource: 'url' } : { outlet: null, outletSource: null };
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

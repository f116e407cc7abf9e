import { parseFeedDate } from './dates.js';
import { resolveHttpUrl } from './urls.js';

/** Collects per-item problems so a feed with thousands of bad items gives a few warnings, not thousands. */
export class ItemContext {
  private badDates = 0;
  private badDateExample = '';
  private droppedLinks = 0;
  private droppedLinkExample = '';

  date(...candidates: (string | null | undefined)[]): string | null {
    const raw = candidates.find((value) => value != null && value.trim() !== '');
    if (raw == null) return null;
    const parsed = parseFeedDate(raw);
    if (parsed.ok) return parsed.iso;
    if (this.badDates++ === 0) this.badDateExample = raw.trim().slice(0, 80);
    return null;
  }

  /** An absolute http(s) link, or null; a link that exists but is not http(s) is counted as dropped. */
  url(ref: string | null | undefined, base: string | null): string | null {
    if (ref == null || ref.trim() === '') return null;
    const resolved = resolveHttpUrl(ref, base);
    if (resolved === null && this.droppedLinks++ === 0) this.droppedLinkExample = ref.trim().slice(0, 80);
    return resolved;
  }

  warnings(): string[] {
    const out: string[] = [];
    if (this.badDates > 0) {
      out.push(`${this.badDates} item date(s) could not be read (e.g. "${this.badDateExample}"); those items have no published date`);
    }
    if (this.droppedLinks > 0) {
      out.push(
        `${this.droppedLinks} item link(s) were dropped: not http(s) or not resolvable (e.g. "${this.droppedLinkExample}")`,
      );
    }
    return out;
  }
}

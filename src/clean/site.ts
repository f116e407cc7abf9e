import { cleanInline } from '../text/markup.js';
import { hostOf } from './outlet.js';
import { comparisonKey } from './text.js';
import { wordCount } from '../text/words.js';

/**
 * What a page says about its site: the outlet's name and the title without the site's name glued to it. Both only
 * trust evidence from the page itself (its metadata name and its address), never a list of known sites.
 */

export interface SiteEvidence {
  /** The outlet named by the page's metadata (og:site_name, JSON-LD publisher), if any. */
  outlet: string | null;
  url: string | null;
}

/** Names of hosting platforms and page words that sites leave in og:site_name instead of their own name. */
const NOT_AN_OUTLET = new Set(['blogger', 'blogspot', 'hosted', 'wordpress', 'wordpress.com', 'tumblr', 'home', 'homepage', 'index', 'news', 'blog', 'website']);

/** A platform name or page word in place of a site's name ("Blogger", "Home"). */
export function isPlatformName(name: string): boolean {
  return NOT_AN_OUTLET.has(name.trim().toLowerCase());
}

const SEPARATOR = /\s+(?:\||–|—|-|::|·|•|»)\s+/;

/**
 * Ways the page names its site: the metadata name and its address (with and without the domain ending), as
 * comparison keys ("TheHill", "The Hill" and "thehill.com" compare as one name).
 */
function siteKeys(site: SiteEvidence): string[] {
  const keys = new Set<string>();
  const outlet = site.outlet ? comparisonKey(site.outlet) : '';
  if (outlet.length >= 2) keys.add(outlet);
  for (const part of site.outlet?.split(SEPARATOR) ?? []) {
    const key = comparisonKey(part);
    if (key.length >= 2) keys.add(key);
  }
  const host = hostOf(site.url);
  if (host) {
    keys.add(comparisonKey(host));
    const name = host.split('.').slice(0, -1).join('.');
    const nameKey = comparisonKey(name);
    if (nameKey.length >= 2) keys.add(nameKey);
  }
  return [...keys];
}

/** Whether a piece of a title ("Sportsnet.ca", "TheHill") names the page's own site. */
export function isSiteName(segment: string, site: SiteEvidence): boolean {
  return namesTheSite(segment, siteKeys(site));
}

function namesTheSite(segment: string, keys: string[]): boolean {
  const key = comparisonKey(segment);
  if (key.length < 2) return false;
  return keys.some((k) => k === key || (key.length >= 4 && k.startsWith(key)) || (k.length >= 4 && key.startsWith(k)));
}

/**
 * "Nadal keeps Spain alive - Sportsnet.ca" -> "Nadal keeps Spain alive": a first or last segment that names the
 * site is cut. Other segments ("Opinion | ...", "Review – shoots for the moon") are part of the title.
 */
export function stripSiteName(title: string, site: SiteEvidence): string {
  const keys = siteKeys(site);
  // Segments at even indexes, the separators between them at odd ones.
  const parts = title.split(new RegExp(`(${SEPARATOR.source})`));
  if (parts.length < 3) return title;
  let from = 0;
  let to = parts.length - 1;
  if (namesTheSite(parts[to]!, keys) || looksLikeSiteTail(parts[to]!, parts[to - 1]!, parts.slice(0, to - 1).join(''))) to -= 2;
  if (to > from && namesTheSite(parts[from]!, keys)) from += 2;
  return parts.slice(from, to + 1).join('').trim() || title;
}

/**
 * Without evidence from the page: a last segment after a pipe that is a short name in capitals ("| The
 * Independent", "| MoreBikes") after a title of several words. Pipes separate a site's name; dashes also join
 * parts of real titles ("Review – shoots for the moon"), so they need the page's evidence.
 */
function looksLikeSiteTail(segment: string, separator: string, head: string): boolean {
  if (separator.trim() !== '|') return false;
  const tail = segment.trim().split(/\s+/);
  return tail.length <= 4 && wordCount(head) >= 4 && tail.every((word) => /^(?:\p{Lu}|\d|of$|the$|and$|&$)/u.test(word));
}

/**
 * The outlet's own name from the page's metadata: "The Jerusalem Post | JPost.com" -> "The Jerusalem Post";
 * a platform name ("Blogger"), a page word ("Home") or a bare address slug ("nj", "oregonlive") is no name at all
 * (null: the credit line, masthead or host decides).
 */
export function normalizeOutlet(outlet: string | null, url: string | null): string | null {
  const text = cleanInline(outlet);
  if (!text) return null;
  const segments = text.split(SEPARATOR).filter((s) => s.trim() !== '');
  const host = hostOf(url);
  const names = segments.filter((s) => !/\.[a-z]{2,}$/i.test(s));
  const hostKeys = host ? [comparisonKey(host), comparisonKey(host.split('.')[0]!)] : [];
  // "TheHill | The Hill": of the segments naming the host, the one written as words.
  const byHost = names.filter((s) => namesTheSite(s, hostKeys)).sort((a, b) => wordCount(b) - wordCount(a));
  const named = segments.length > 1 ? (byHost[0] ?? names[0] ?? segments[0]!) : text;
  const name = named.trim();
  if (isPlatformName(name)) return null;
  if (/^[\p{Ll}\d-]+$/u.test(name)) return null;
  return name;
}

import { isPlatformName, isSiteName } from '../clean/site.js';
import { isWireService } from '../text/agencies.js';
import { words } from '../text/words.js';

/**
 * Signs that an item of a briefing is junk, each a plain, explainable test on the item and the sentence it came
 * from. They are used to audit a finished briefing (`briefing audit`), never to build one: a rule that finds a
 * suspect here is fixed where the item is produced, and this list keeps checking it did not come back.
 */

export interface Suspect {
  /** Short, stable name of the sign ("year", "raw-entity", ...). */
  sign: string;
  /** What a reader would notice, in words. */
  why: string;
}

const suspect = (sign: string, why: string): Suspect => ({ sign, why });

export interface FigureLike {
  value: number;
  unit: string | null;
  label: string;
  surface: string;
  text: string;
  /** Upper end when the figure is a range. */
  valueHigh?: number;
}

/** Currencies whose name or sign is written out; a figure written with one must keep it. */
const WRITTEN_CURRENCIES: [RegExp, string][] = [
  [/HK\$|\bHong Kong dollars?\b/i, 'HKD'],
  [/\bA\$|\bAU\$|\bAustralian dollars?\b/i, 'AUD'],
  [/\bC\$|\bCA\$|\bCanadian dollars?\b/i, 'CAD'],
  [/\bS\$|\bSingapore dollars?\b/i, 'SGD'],
  [/\bNZ\$|\bNew Zealand dollars?\b/i, 'NZD'],
  [/\byuan\b|\brenminbi\b|\bRMB\b/i, 'CNY'],
  [/\brupees?\b|\bRs\.?\s?\d|₹/i, 'INR'],
  [/\bnaira\b|₦/i, 'NGN'],
];

const RANGE = /\d\s*(?:-|–|—|to)\s*\$?\d/;
const URL_OR_HANDLE = /(?:https?:\/\/|www\.|pic\.twitter\.com\/|[a-z0-9-]+\.(?:com|org|net|co|io|ly|gl)\/)\S*|[@#][A-Za-z_]\w*/gi;
const PHONE = /(?:\+\d{1,3}[\s.-]?(?:\(0\)\s?)?\d)|(?:\(\d{2,5}\)\s?\d{3,4}[\s.-]\d{3,4})|(?:\b\d{3}[.-]\d{3}[.-]\d{4}\b)/;
const EMERGENCY = /\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|phon(?:ed|ing))\s+(?:9-?1-?1|999|112|000)\b/i;
const PRODUCT_AFTER = /^\s?(?:Max|Pro|Plus|Ultra|Mini|MAX|p\b|K\b|i\b|GB\b|TB\b)/;
const PRODUCT_BEFORE = /(?:\b(?:iPhone|iPad|Galaxy|Pixel|Boeing|Airbus|Model|PlayStation|Xbox|Windows|Series|version|v)\s?|\bA)$/i;
const PAGE_FURNITURE = /^(?:articles?|comments?|photos?|images?|replies|likes?|items?|results?|pages?|slides?)$/i;

function numbersIn(text: string): string[] {
  return text.match(/\d[\d,.]*/g) ?? [];
}

export function figureSuspects(figure: FigureLike): Suspect[] {
  const found: Suspect[] = [];
  const { surface, text, value, unit } = figure;
  const at = text.indexOf(surface);
  if (unit === null && Number.isInteger(value) && value >= 1800 && value <= 2100 && /^\D*\d{4}\D*$/.test(surface)) {
    found.push(suspect('year', `"${surface}" reads as a year, not a quantity`));
  }
  // A figure from a link is one whose digits are in a link and nowhere else in the sentence.
  const digits = numbersIn(surface).map((n) => n.replace(/[,.]/g, '')).filter((d) => d.length > 0);
  const links = text.match(URL_OR_HANDLE) ?? [];
  const outsideLinks = text.replace(URL_OR_HANDLE, ' ').replace(/[,.]/g, '');
  const fromLink = digits.length > 0 && digits.every((d) => links.some((link) => link.includes(d)) && !outsideLinks.includes(d));
  // "3 BDnrvkoms": a link's random id, cut from its link (two capitals then lower case is no word or unit).
  if (fromLink || /\d\s[A-Za-z]*[A-Z]{2}[a-z]{3}/.test(surface)) {
    found.push(suspect('url-fragment', `"${surface}" comes from a link or handle`));
  }
  if (PHONE.test(surface) || (at >= 0 && PHONE.test(text.slice(Math.max(0, at - 12), at + surface.length + 12)))) {
    found.push(suspect('phone-number', `"${surface}" is part of a phone number`));
  }
  if (unit === null && EMERGENCY.test(text) && /^(?:9-?1-?1|999|112|000)$/.test(surface.trim())) {
    found.push(suspect('emergency-number', `"${surface}" is an emergency number`));
  }
  if (at >= 0) {
    const before = text.slice(Math.max(0, at - 12), at);
    const after = text.slice(at + surface.length, at + surface.length + 6);
    if (unit === null && (PRODUCT_AFTER.test(after) || PRODUCT_BEFORE.test(before))) {
      found.push(suspect('product-code', `"${surface}" names a model or product`));
    }
  }
  if (RANGE.test(surface) && figure.valueHigh === undefined) {
    found.push(suspect('range-lost', `"${surface}" is a range shown as one value`));
  }
  for (const [written, code] of WRITTEN_CURRENCIES) {
    if (written.test(surface) && unit !== code) {
      found.push(suspect('currency', `"${surface}" is in ${code}, shown as ${unit ?? 'a count'}`));
      break;
    }
  }
  if (PAGE_FURNITURE.test(figure.label.trim())) {
    found.push(suspect('page-furniture', `"${surface} ${figure.label}" counts page furniture, not news`));
  }
  return found;
}

export interface QuoteLike {
  text: string;
  speaker: string | null;
}

export interface KnownName {
  name: string;
  type: 'person' | 'place' | 'organization';
  variants: string[];
}


const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'is', 'my', 'your']);


/** Words that head a phrase naming a kind of speaker, not a speaker ("the Office said", "a statement said"). */
const GENERIC_SPEAKERS = new Set([
  'statement', 'group', 'office', 'centre', 'center', 'man', 'woman', 'actor', 'source', 'sources', 'official', 'officials',
  'spokesman', 'spokeswoman', 'spokesperson', 'president', 'police', 'ministry', 'department', 'agency', 'company', 'report',
  'government', 'patient', 'guitarist', 'singer', 'player', 'coach', 'team', 'club', 'court', 'committee', 'board', 'people',
]);

/**
 * Signs that a quote is not a statement by a named speaker. `otherSpeakers` are the briefing's other speakers: a
 * bare surname with a fuller form among them or among the named entities was shortened.
 */
export function quoteSuspects(quote: QuoteLike, names: KnownName[], unnamed = false, otherSpeakers: string[] = []): Suspect[] {
  const found: Suspect[] = [];
  const textWords = words(quote.text);
  if (textWords.length < 4) found.push(suspect('fragment', `"${quote.text}" is a fragment of ${textWords.length} word(s), not a statement`));
  const content = textWords.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (content.length >= 2 && content.every((w) => /^[\p{Lu}\p{N}]/u.test(w)) && textWords.length <= 12) {
    found.push(suspect('title-of-work', `"${quote.text}" is in Title Case: a title or slogan, not speech`));
  }
  const speaker = quote.speaker?.trim();
  if (!speaker || unnamed) return found;
  const lower = speaker.toLowerCase();
  if (isWireService(speaker)) {
    found.push(suspect('agency-speaker', `"${speaker}" is the agency that reported the quote`));
  } else if (!/\p{Lu}/u.test(speaker) || GENERIC_SPEAKERS.has(lower)) {
    found.push(suspect('speaker-not-named', `"${speaker}" is a kind of speaker, not a named person or organisation`));
  } else if (!/\s/.test(speaker) && !/^\p{Lu}{2,}$/u.test(speaker)) {
    const organization = names.some((n) => n.type === 'organization' && [n.name, ...n.variants].some((v) => v.toLowerCase() === lower));
    if (!organization) {
      const fuller = [...names.filter((n) => n.type === 'person').map((n) => n.name), ...otherSpeakers].find(
        (name) => /\s/.test(name) && name.toLowerCase().endsWith(` ${lower}`),
      );
      found.push(suspect('bare-name', fuller ? `"${speaker}" is shown where the articles name "${fuller}"` : `"${speaker}" is a single name: the person is not named in full`));
    }
  }
  return found;
}

const RAW_ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,7});/i;
const CAPTION = /\b(?:Image (?:copyright|caption)|Photo(?:graph)?:|Getty Images|AP Photo|Reuters\/|Photo credit|Credit:|File photo)\b/i;
const GLUED_DATELINE = /^[\p{Lu}][\p{L} .,'’-]{1,40}\([\p{L} .]+\)\s?[\p{Lu}"“‘]/u;
const DATELINE = /^[\p{Lu}][\p{Lu} .,'’-]{2,40}(?:\([\p{L} .]+\))?\s?[-—–]\s/u;
const CUT_AT_ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Prof|U\.S|U\.K|U\.N|The U\.S)\.$/;
const SITE_SEPARATOR = /\s(?:\||–|—|-|::|·)\s([^|–—]{2,40})$/;

/** Headlines, titles and lead sentences: text a reader sees first. */
export function headlineSuspects(text: string, site: { outlet?: string | null; url?: string | null } = {}): Suspect[] {
  const found: Suspect[] = [];
  if (RAW_ENTITY.test(text)) found.push(suspect('raw-entity', `"${text.match(RAW_ENTITY)?.[0]}" is an HTML entity left undecoded`));
  if (CAPTION.test(text)) found.push(suspect('caption', 'a photo caption or image credit'));
  if (GLUED_DATELINE.test(text) || DATELINE.test(text)) found.push(suspect('dateline', 'starts with a dateline'));
  if (CUT_AT_ABBREVIATION.test(text.trim())) found.push(suspect('cut', 'cut at an abbreviation'));
  const tail = text.match(SITE_SEPARATOR)?.[1]?.trim();
  if (tail && isSiteName(tail, { outlet: site.outlet ?? null, url: site.url ?? null })) found.push(suspect('site-name', `"${tail}" is the site's name, not part of the title`));
  if (/…$|\.\.\.$/.test(text.trim())) found.push(suspect('truncated', 'ends with an ellipsis: a teaser, not a headline'));
  return found;
}


/** An outlet a reader would not recognise as a publication's name. */
export function outletSuspects(outlet: string | null): Suspect[] {
  if (outlet === null) return [];
  const trimmed = outlet.trim();
  if (trimmed === '') return [suspect('outlet', 'the outlet is empty')];
  if (RAW_ENTITY.test(trimmed)) return [suspect('raw-entity', 'the outlet has an HTML entity left undecoded')];
  if (isPlatformName(trimmed)) return [suspect('outlet', `"${trimmed}" is a platform or page word, not the outlet`)];
  if (/\s\|\s/.test(trimmed)) return [suspect('outlet', `"${trimmed}" is a page title, not the outlet's name`)];
  if (/^[a-z]+$/.test(trimmed)) return [suspect('outlet', `"${trimmed}" is a URL slug, not the outlet's name`)];
  return [];
}

const NEEDS_CONTEXT = /^(?:However|But|And|Also|Still|Yet|Meanwhile|Instead|Unfortunately|Fortunately|Moreover|Furthermore|Indeed|Then|Thus|So|This|That|These|Those|It|He|She|They|His|Her|Their|Its|Such)\b|^In (?:\p{Lu}\p{L}+|his|her|their)['’]s case\b/u;

/** A summary sentence shown on its own (a thread's brief) must not lean on a sentence before it. */
export function standaloneSuspects(text: string): Suspect[] {
  const found = headlineSuspects(text).filter((s) => s.sign !== 'cut' && s.sign !== 'site-name' && s.sign !== 'truncated');
  if (NEEDS_CONTEXT.test(text.trim())) found.push(suspect('needs-context', `starts with "${text.trim().split(/\s+/)[0]}": leans on what came before`));
  return found;
}


const CREDIT_START = /^(?:©\s*|\(?(?:photo|photos|image|images|picture|pic|credit|photograph|illustration|graphic|file photo)s?\s*(?:credit)?\s*(?::|\||by\b|via\b|courtesy\b|[-–—]))/i;
// BBC-style labels printed before a picture's credit or caption: "Image copyright Getty Images", "Image caption ...".
const PICTURE_LABEL = /^(?:image|picture|photo|media|video) (?:copyright|caption|credit|source)\b/i;
const LICENCE = /\blicen[cs]ed under\b|\bCC[- ]BY\b|\bcreative commons\b|\bwikimedia\b/i;
const DOMAIN = /\b[\w-]+\.(?:org|com|net|gov|edu|io)\b/i;

/** Photo credit lines: "Photo: ... licensed under ...", "Image by ...", "© Getty Images". */
export function isPhotoCredit(line: string, words: number): boolean {
  if (line.length > 400 || words > 40) return false;
  if (CREDIT_START.test(line) || PICTURE_LABEL.test(line)) return true;
  return LICENCE.test(line) && DOMAIN.test(line);
}

// A wire or photo agency named after a dash at the very end: "... Ukraine. — Reuters", "... — AFP".
const DASH_CREDIT = /([.!?"”’)])(?:\s*(?:—|–|--)\s*|\s+-\s+)((?:[A-Z][\w&.'’]*|dpa|efe)(?:[ /](?:[A-Z][\w&.'’]*|via|and|dpa)){0,3})\s*$/;
// A parenthesized photo credit at the very end: "(AFP/Getty)", "(AP Photo/Efrem Lukatsky)", "(Reuters)".
const PAREN_CREDIT = /\s*\(((?:[^()]{0,40}\b)?(?:AFP|Getty|Reuters|AP|EPA|PA|Photo|Photos|Images?|Shutterstock|Alamy|File|Courtesy|Handout|Pool|Xinhua|Bloomberg|NurPhoto|SOPA)\b[^()]{0,40})\)\s*$/;

const AGENCY_WORD = /\b(?:Press|News|Agency|Agencies|Images|Photos?|Reuters|Getty|Wire|Service|AFP|AP|dpa|EFE|ANSA|Xinhua|TASS|Bloomberg|Staff)\b/;

/** "AFP", "Reuters", "The Associated Press", "dpa" - not "USC Professor Richard Jewell" (a quote's attribution). */
function looksLikeAgency(credit: string): boolean {
  const words = credit.split(/[ /]+/);
  if (AGENCY_WORD.test(credit)) return true;
  return words.length <= 2 && words.every((w) => /^[A-Z&.]{2,}$/.test(w));
}

export interface TrailingCredit {
  /** The line without the credit. */
  body: string;
  /** The credit as written, without dash or parentheses ("AFP", "AFP/Getty"). */
  credit: string;
  /** Exactly what was cut off the line. */
  removed: string;
}

/** Splits a closing credit off a line ("... text. — AFP"), or null when the line has none. */
export function splitTrailingCredit(line: string): TrailingCredit | null {
  const dash = DASH_CREDIT.exec(line);
  if (dash && looksLikeAgency(dash[2]!)) {
    const cut = dash.index + dash[1]!.length;
    return { body: line.slice(0, cut).trim(), credit: dash[2]!.trim(), removed: line.slice(cut).trim() };
  }
  // The expression tries every position of the line; only a line ending in ")" can match it.
  const paren = line.trimEnd().endsWith(')') ? PAREN_CREDIT.exec(line) : null;
  if (paren && !/[.!?]$/.test(line)) {
    return { body: line.slice(0, paren.index).trim(), credit: paren[1]!.trim(), removed: line.slice(paren.index).trim() };
  }
  return null;
}

/** A caption: a short line closed by a photo or wire credit. */
export function isCreditedCaption(line: string, words: number): boolean {
  return line.length <= 450 && words <= 45 && splitTrailingCredit(line) !== null;
}

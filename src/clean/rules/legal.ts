
const HEADING = /^(?:legal )?(?:disclaimer|legal notice|terms of use|copyright notice)\s*:?$/i;
const LEGAL_LINE =
  /\ball rights reserved\b|^(?:©|\(c\)|copyright\b)\s*(?:\d{4}|[A-Z])|\bwithout (?:any )?warranty of any kind\b|\bfor (?:general )?informational purposes only\b|\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b/i;
const LEGAL_WORDS =
  /\b(?:warrant(?:y|ies)|liabilit(?:y|ies)|responsibilit(?:y|ies)|accuracy|copyright|disclaim\w*|infring\w*|reliability|legality|complaints?|terms of (?:use|service)|as is)\b/gi;

/** A "Legal Disclaimer:" style heading; the paragraph(s) after it are legal text too. */
export function isLegalHeading(line: string): boolean {
  return HEADING.test(line);
}

/** A legal boilerplate line on its own: copyright notices, "All rights reserved", warranty disclaimers. */
export function isLegalLine(line: string, words: number): boolean {
  return line.length <= 800 && words <= 80 && LEGAL_LINE.test(line);
}

/** Text that reads as legal boilerplate (several legal terms), used for the paragraphs after a legal heading. */
export function readsAsLegalText(line: string): boolean {
  return (line.match(LEGAL_WORDS) ?? []).length >= 2;
}

import { wordCount } from '../text.js';

// Phrases that only marketing copy uses; safe on lines of up to 25 words.
const STRONG = [
  /\b(?:sign|log)[- ]?(?:up|in)\b.{0,40}\b(?:to (?:read|continue|access|unlock|comment|view|keep reading)|here|now|for free|for (?:our|the|a) (?:free )?newsletter)/i,
  /\bsubscribe\b.{0,30}\b(?:to (?:read|continue|access|unlock|our|get)|now|today|for (?:just|only|free|\$|£|€))/i,
  /\balready (?:a (?:member|subscriber)|have an account|subscribed|registered)\b/i,
  /\b(?:download|get|install|try) (?:the|our) (?:free )?app\b/i,
  /\bone (?:subscription|membership)\b/i,
  /\ball (?:your|the) news in one place\b/i,
  /\bcurated (?:specifically |just |especially )?for you\b/i,
  /\bthis (?:article|content|story) is (?:for|only available to|reserved for|exclusive to) (?:our )?(?:subscribers|members|premium)/i,
  /\b(?:create|register for|sign up for) a free account\b/i,
  /\bto continue reading\b/i,
  /\b(?:become|join as) a (?:member|subscriber)\b/i,
  /\bunlimited (?:digital )?access\b/i,
  /\b(?:sign up|subscribe|register)\b.{0,40}\bnewsletters?\b|\bnewsletters?\b.{0,40}\b(?:sign up|subscribe|inbox)\b/i,
  /\b(?:free trial|\d+ days? free|days free)\b/i,
];

// Words that mean a prompt only on a short line (a label or a button).
const WEAK = [
  /^(?:subscribe|register|sign (?:in|up|out)|log (?:in|out)|login|sign-?in|sign-?up|start reading|continue reading|keep reading|read now|get started|join now|try for free|subscribe now)[!.]?$/i,
  /\bone app\b/i,
  /\b(?:premium|trusted) (?:titles|sources|content|journalism|publications)\b/i,
  /\bsupport (?:our|independent|quality) journalism\b/i,
];

/** Subscribe / sign-in / sign-up / paywall / app-promo prompts. */
export function isPrompt(line: string, words: number): boolean {
  if (line.length > 250) return false;
  if (words <= 25 && STRONG.some((p) => p.test(line))) return true;
  return words <= 8 && WEAK.some((p) => p.test(line));
}

const PAYWALL = [
  /\b(?:sign|log)[- ]?(?:up|in)\b.{0,30}\bto (?:read|continue|unlock|keep reading)\b/i,
  /\bsubscribe\b.{0,30}\bto (?:read|continue|unlock|access)\b/i,
  /\bto continue reading\b/i,
  /\bthis (?:article|content|story) is (?:for|only available to|reserved for|exclusive to) (?:our )?(?:subscribers|members|premium)/i,
  /\balready a subscriber\b/i,
];

/** The prompts that mean the text was cut by a paywall (used for the 'paywalled' status). */
export function isPaywallPrompt(line: string, words = wordCount(line)): boolean {
  return line.length <= 250 && words <= 25 && PAYWALL.some((p) => p.test(line));
}

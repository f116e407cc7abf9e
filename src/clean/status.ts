import type { ArticleStatus, Removal } from './types.js';
import { isPaywallPrompt } from './rules/prompts.js';
import { languageName } from '../text/language.js';

/**
 * A news brief is a sentence or two (a wire "in brief" item runs 15 to 40 words) and is still news; fewer words
 * than this are a headline or a fragment.
 */
export const DEFAULT_MIN_WORDS = 15;
/** The engine's sentence, entity, figure and quote rules are written for English. */
export const DEFAULT_LANGUAGES: readonly string[] = ['en'];

/** An article known to be in a language the briefing does not accept is left out, never summarised garbled. */
export function languageStatus(language: string | null, accepted: readonly string[] | 'any'): { status: 'language'; statusReason: string } | null {
  if (language === null || accepted === 'any' || accepted.includes(language)) return null;
  return {
    status: 'language',
    statusReason: `Written in ${languageName(language)} (${language}); this briefing accepts ${accepted.map((code) => `${languageName(code)} (${code})`).join(', ')} (setting: languages).`,
  };
}

/** Below this, what looks like an error banner or a "read more" ending is what the page is, not a stray line. */
const FRAGMENT_WORDS = 30;

export interface StatusInput {
  rawText: string;
  bodyWords: number;
  lastParagraph: string | null;
  removed: Removal[];
  minWords: number;
}

const STUB_END = /(?:\.\.\.|…|\[…\]|\[\.\.\.\])["'”’]?$|\b(?:read more|continue reading|full story|read the full (?:story|article))\b/i;

/** The article's status before duplicate detection, with a sentence saying why when it is not ok. */
export function decideStatus(input: StatusInput): { status: ArticleStatus; statusReason?: string } {
  if (input.rawText.trim() === '') return { status: 'empty', statusReason: 'The document has no text.' };
  // An archive's notice in place of the story is an error page too: the article itself was not there.
  const banner = input.removed.some((r) => r.rule === 'error-banner' || r.rule === 'archive-notice');
  const paywall = input.removed.some((r) => isPaywallPrompt(r.text));
  if (input.bodyWords === 0) {
    if (banner) return { status: 'error-page', statusReason: 'The page is an error banner with no article text.' };
    if (paywall) return { status: 'paywalled', statusReason: 'A paywall prompt is all that is left of the article.' };
    return { status: 'empty', statusReason: 'Nothing but page furniture (menus, prompts, widgets) was left after cleaning.' };
  }
  const paywallLimit = Math.max(2 * input.minWords, 120);
  if (paywall && input.bodyWords < paywallLimit) {
    return { status: 'paywalled', statusReason: `Only a ${input.bodyWords}-word teaser is left above a paywall prompt.` };
  }
  if (input.bodyWords < Math.max(FRAGMENT_WORDS, input.minWords)) {
    if (banner) return { status: 'error-page', statusReason: `The page is an error banner; only ${input.bodyWords} words of text remain.` };
    const stubbed = (input.lastParagraph !== null && STUB_END.test(input.lastParagraph)) || input.removed.some((r) => STUB_END.test(r.text) && r.rule !== 'repeat');
    if (stubbed) return { status: 'stub', statusReason: `Only a ${input.bodyWords}-word teaser pointing to the full story is left.` };
  }
  if (input.bodyWords >= input.minWords) return { status: 'ok' };
  return { status: 'too-short', statusReason: `The body has ${input.bodyWords} words, below the ${input.minWords}-word minimum.` };
}

import { isPhotoCredit } from './rules/captions.js';
import { isArchiveNotice, isErrorBanner } from './rules/error-banner.js';
import { isLegalLine } from './rules/legal.js';
import { isMastheadLine, isWeatherLine } from './rules/masthead.js';
import { isNavigation } from './rules/navigation.js';
import { isPrompt } from './rules/prompts.js';
import { isDateStamp } from './rules/stamps.js';
import { isCommentCounter, isUiLine } from './rules/ui.js';
import { isInlineLink } from './rules/widgets.js';

/** Rules that judge a line by itself, most specific first. */
const LINE_RULES: [string, (line: string, words: number) => boolean][] = [
  ['error-banner', isErrorBanner],
  ['archive-notice', isArchiveNotice],
  ['prompt', isPrompt],
  ['comments', isCommentCounter],
  ['date-stamp', isDateStamp],
  ['ui', isUiLine],
  ['weather', isWeatherLine],
  ['masthead', isMastheadLine],
  ['navigation', isNavigation],
  ['photo-credit', isPhotoCredit],
  ['legal', isLegalLine],
  ['widget', isInlineLink],
];

// Every line rule has a lower word limit than this; longer lines are article text to all of them.
const MAX_JUNK_LINE_WORDS = 80;

/** The rule that makes a line junk on its own, or null when it may be article text. */
export function lineRule(line: string, words: number): string | null {
  if (words > MAX_JUNK_LINE_WORDS) return null;
  for (const [rule, test] of LINE_RULES) if (test(line, words)) return rule;
  return null;
}

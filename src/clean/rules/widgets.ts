import { endsLikeSentence } from '../text.js';

const HEADING =
  /^(?:most (?:popular|read|viewed|shared|commented)(?: (?:stories|articles|news|now|today|this week))?|related(?: (?:stories|articles|news|content|posts|coverage|topics|links|reading|videos))?|our picks|editor['’]?s['’]? picks|top (?:stories|news|picks)\b.*|trending(?: (?:now|stories|news|articles|topics))?|recommended(?: (?:for you|stories|articles|reading))?|you (?:may|might) (?:also )?(?:like|be interested in|have missed)|more (?:from|on|in|stories|news|articles|to read|to explore)\b.*|read (?:more|next|also)|also read|see also|latest(?: (?:news|stories|articles|videos))?|popular(?: (?:now|stories|articles))?|don['’]?t miss|what to read next|in case you missed it|in other news|tags?|topics|share (?:this|article)|share this (?:article|story)|follow us(?: on .*)?)\s*:?$/i;

/** The heading of a "most popular" / "related stories" / "our picks" / share widget. */
export function isWidgetHeading(line: string, words: number): boolean {
  return line.length <= 100 && words <= 10 && HEADING.test(line);
}

const INLINE_LINK = /^(?:read more|read also|also read|see also|related|more|watch|listen|recommended)\s*[:|»›-]\s*\S/i;

/** A single promoted link: "Read more: Ukraine says ...". */
export function isInlineLink(line: string, words: number): boolean {
  return line.length <= 300 && words <= 30 && INLINE_LINK.test(line);
}

/** A line that can belong to a link list under a widget heading: short, a headline rather than prose. */
export function isLinkListItem(line: string, words: number): boolean {
  return words <= 25 && (/^[-•*·›»]\s/.test(line) || !endsLikeSentence(line));
}

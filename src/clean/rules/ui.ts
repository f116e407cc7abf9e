
const UI_LINE =
  /^(?:minus|plus|arrow (?:up|down|left|right)|home icon|home|menu|search|close|open|toggle navigation|skip to (?:main )?content|back to top|scroll to top|go to top|next|previous|prev|share|share article|share this(?: article| story| page)?|share on \w+|share via \w+|tweet|email|e-mail|print|copy link|link copied|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|pinterest|advertisement|advertising|ad|sponsored|listen|listen to (?:this )?article|save|save article|bookmark|font size|text size|a\+|a-|zoom in|zoom out|play|pause|loading\.*|click here|view gallery|enlarge|expand|collapse|follow us|like|reply|you may also like|tell us what you think|(?:don'?t|do not) miss|order reprints|\d+\s*min(?:ute)?s? read)[.!:…]*$/i;

/** Interface words that leak into scraped text (icons, buttons, share widgets). */
export function isUiLine(line: string): boolean {
  if (line.length > 80) return false;
  if (UI_LINE.test(line)) return true;
  // A row of share buttons: "Facebook Twitter WhatsApp Email".
  const items = line.toLowerCase().split(/[\s|•·,]+/).filter(Boolean);
  return items.length >= 2 && items.length <= 10 && items.every((w) => SHARE_BUTTONS.has(w));
}

const SHARE_BUTTONS = new Set(['facebook', 'twitter', 'x', 'whatsapp', 'email', 'linkedin', 'telegram', 'reddit', 'pinterest', 'print', 'share', 'copy', 'link', 'messenger']);

const COMMENTS = /^(?:\d+\s*)?comments?\s*(?:\(\d+\)|\d+|:?\s*(?:no|0)\s*comments?(?:\s+yet)?|closed)?$|^(?:view|show|read|leave|add|post|load) (?:all )?(?:\d+ )?(?:a )?comments?$|^comments?\s*no\s*comments?$|^no comments?(?: yet)?\.?$/i;

/** Comment counters and comment-widget lines: "CommentsNo comment", "12 Comments", "Leave a comment". */
export function isCommentCounter(line: string, words: number): boolean {
  return line.length <= 60 && words <= 6 && COMMENTS.test(line);
}

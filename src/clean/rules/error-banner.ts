
const STATUS_LINE =
  /^(?:(?:http\s*)?error\s*[:!-]?\s*)?[45]\d\d(?:\s*[-:!]?\s*(?:error|not found|page not found|forbidden|access denied|unauthori[sz]ed|gone|internal server error|service unavailable|bad gateway|gateway timeout))?[!.]*$/i;
const EXCLAMATION = /^(?:oops|sorry|whoops|uh[- ]oh|error)[!.,]*(?:\s+something went wrong[!.]*)?$/i;
const MISSING_PAGE =
  /\b(?:page|article|content|story|url)\b[^.]{0,40}\b(?:looking for|requested|trying to (?:reach|access)|you (?:followed|clicked))\b[^.]{0,40}\b(?:doesn['’]?t|does not|could not|couldn['’]?t|cannot|can['’]?t|no longer|isn['’]?t|is not|was not|wasn['’]?t)\b/i;
const SHORT_NOTICE =
  /^(?:error[!:.]?\s*)?(?:(?:the )?(?:page|article|content|story) (?:(?:was |has been )?not found|(?:is )?(?:no longer |currently )?(?:available|unavailable)|(?:has been )?removed|(?:does not|doesn['’]t) exist)|not found|forbidden|access denied|something went wrong|an error (?:has )?occurred)[!.]*$/i;

/** An error-page banner: a status code line, "Sorry!!", "the page you were looking for doesn't exist". */
export function isErrorBanner(line: string, words: number): boolean {
  if (line.length > 250 || words > 25) return false;
  return STATUS_LINE.test(line) || EXCLAMATION.test(line) || MISSING_PAGE.test(line) || SHORT_NOTICE.test(line);
}

const ARCHIVE_SERVICE = /\b(?:Internet Archive|Wayback Machine|archive\.org|archive\.today)\b/i;
const ARCHIVE_WORK = /\b(?:crawl(?:s|ed|ing)?|archived? (?:pages?|copies|snapshots?)|broken links?|captured? (?:on|at|\d))\b/i;

/**
 * A web archive's own notice ("These crawls are part of an effort to archive pages ... the Internet Archive
 * hopes ..."): what a scraper gets when it fetches a dead link through an archive. It names the archive and its
 * work, and is the archive's page, not the story.
 */
export function isArchiveNotice(line: string, words: number): boolean {
  return line.length <= 1200 && words <= 150 && ARCHIVE_SERVICE.test(line) && ARCHIVE_WORK.test(line);
}

import { z } from '../util/zod.js';

/**
 * The briefing model: the one JSON document every output (JSON, HTML, PDF, Markdown, e-mail) is made from.
 * Bump the major version on any change that removes or renames a field, the minor on additions.
 */
export const SCHEMA_VERSION = '1.4.0';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const newSinceLast = z
  .boolean()
  .optional()
  .describe('Set by memory across days: true when it rests on an article not reported in an earlier edition.');

const summarySentence = z
  .object({
    text: z.string().describe('One sentence, taken from the articles (possibly with a leading pronoun resolved).'),
    articleIds: z.array(z.string()).min(1).describe('Articles this sentence comes from (several when outlets carried the same sentence).'),
    isNewSinceLast: newSinceLast,
  })
  .describe('A summary sentence with its sources.');

const figure = z
  .object({
    value: z.number().describe('The number, fully expanded (€10bn -> 10000000000); the low end of a range.'),
    valueHigh: z.number().optional().describe('The high end of a range ("$40-50 billion" -> 50000000000); absent for a single value.'),
    unit: z.string().nullable().describe('Normalized unit: ISO currency (EUR, USD, GBP), "percent", "day", ... or null for a count.'),
    label: z.string().describe('What is counted or measured ("drones and missiles", "people killed").'),
    surface: z.string().describe('The figure as written in the article ("€10bn", "1,343").'),
    kind: z.string().describe('count, money, percent, duration, measure, ...'),
    text: z.string().describe('The sentence the figure comes from.'),
    articleId: z.string(),
  })
  .describe('A key figure with the sentence and article it comes from.');

const droppedFigure = z
  .object({
    value: z.number(),
    valueHigh: z.number().optional(),
    unit: z.string().nullable(),
    surface: z.string().describe('The number as written.'),
    reason: z
      .string()
      .describe('The rule that kept it out: language, phone-number, emergency-number, year, code, name, list, score, unlabelled, small-count, fragment, background.'),
    text: z.string().describe('The sentence it is in.'),
    articleId: z.string(),
  })
  .describe('A number that would have ranked among the key figures but is not one (for audit; not shown on the page).');

const quote = z
  .object({
    text: z.string().describe('The quoted words, without quotation marks.'),
    speaker: z
      .string()
      .nullable()
      .describe(
        'Who said it: the fullest name the article gives, or the description of an unnamed source ("a spokesperson for CBP"); null when unknown.',
      ),
    speakerKind: z
      .enum(['named', 'unnamed'])
      .optional()
      .describe('named: a person or organization named in the text; unnamed: a source described but not named.'),
    speakerRole: z
      .string()
      .optional()
      .describe('The speaker\'s role as the article introduces them ("Apple\'s chief executive"), when it gives one.'),
    articleId: z.string(),
  })
  .describe('A direct quote: a full statement by a named or described speaker (titles, slogans and fragments are not shown).');

const droppedQuote = quote
  .pick({ text: true, speaker: true, articleId: true })
  .extend({ reason: z.string().describe('Why it is not shown: too-short, title, fragment, no-verb, no-speaker.') })
  .describe('A quotation found in the text but not shown, with the reason (for audit).');

const conflict = z
  .object({
    about: z.string().describe('What the outlets disagree on ("people wounded").'),
    values: z
      .array(
        z.object({
          value: z.number(),
          unit: z.string().nullable(),
          surface: z.string().describe('The value as written, with its qualifier ("more than 23").'),
          text: z.string().describe('The sentence giving this value.'),
          articleId: z.string(),
        }),
      )
      .min(2),
  })
  .describe('Two or more sources giving different values for the same thing.');

const event = z
  .object({
    id: z.string(),
    date: isoDate.nullable().describe('When it happened (YYYY-MM-DD), or null when unknown.'),
    dateCertain: z.boolean().describe('False when the date is inferred: show it as approximate.'),
    headline: z.string(),
    summary: z.array(summarySentence),
    articleIds: z.array(z.string()).min(1).describe('Its articles; a remembered event from an earlier edition names articles not in this briefing.'),
    isNewSinceLast: newSinceLast,
  })
  .describe('One happening, reported by one or more articles.');

const thread = z
  .object({
    id: z.string().describe('Stable id of the story thread.'),
    rank: z.number().int().min(1).describe('1 = most important thread of the briefing.'),
    headline: z.string(),
    summary: z.array(summarySentence),
    events: z.array(event).min(1).describe('Events of this story, oldest first.'),
    figures: z.array(figure).describe('Key figures, most important first.'),
    droppedFigures: z
      .array(droppedFigure)
      .optional()
      .describe('Numbers kept out of the key figures that would otherwise have ranked among them, with the reason.'),
    quotes: z.array(quote),
    droppedQuotes: z
      .array(droppedQuote)
      .optional()
      .describe('Quotations in the thread\'s articles that are not shown, with the reason (for audit; not shown on the page).'),
    conflicts: z.array(conflict),
    articleIds: z.array(z.string()).min(1),
    outlets: z.array(z.string()).describe('Distinct outlets that reported the thread.'),
    link: z
      .object({
        names: z.array(z.string()).describe('People, places and organizations named by two or more of its articles, most shared first.'),
        terms: z.array(z.string()).describe('Words found in two or more of its articles, the most telling (rarest across the day) first.'),
      })
      .optional()
      .describe('Why its articles are together: what they share. Empty lists for a thread of one article.'),
    inBrief: z
      .literal(true)
      .optional()
      .describe(
        'Set on the threads past those shown in full (threadsInFull): headline, one lead sentence and sources only; figures, quotes, conflicts and event summaries are empty because they were not looked for.',
      ),
    isNew: z.boolean().optional().describe('Set by memory across days: true when no earlier edition reported this story.'),
    continuesFrom: isoDate
      .optional()
      .describe('Set by memory across days for a continuing story: the date of the first edition that reported it.'),
    lastEditionDate: isoDate.optional().describe('Set by memory across days for a continuing story: the last earlier edition that reported it.'),
  })
  .describe('A story thread: events that continue one story across days.');

const article = z
  .object({
    id: z.string(),
    path: z.string().describe('The input it came from, as given.'),
    title: z.string(),
    outlet: z.string().nullable(),
    url: z.string().nullable(),
    author: z.string().nullable(),
    language: z
      .string()
      .nullable()
      .optional()
      .describe('BCP 47 primary tag ("en"): detected from the text when long enough, else the page\'s declared language; null when unknown.'),
    published: isoDate.nullable().describe('Publication date (YYYY-MM-DD) or null when unknown.'),
    publishedSource: z.enum(['metadata', 'dateline', 'page', 'inferred', 'unknown']),
    publishedCertain: z.boolean().describe('False when the date is a guess: show it as uncertain.'),
    publishedNote: z.string().nullable().describe('Why this date, when it is not plain metadata.'),
    status: z.enum(['ok', 'error-page', 'paywalled', 'stub', 'duplicate', 'too-short', 'empty', 'language']),
    statusReason: z.string().nullable(),
    wordCount: z.number().int().min(0),
    contentHash: z.string().describe('sha256 of the cleaned body: the same text from any file or URL gives the same hash.'),
    removed: z
      .array(z.object({ rule: z.string(), text: z.string() }))
      .describe('What cleaning removed from the text and by which rule (for audit).'),
    isNewSinceLast: newSinceLast,
  })
  .describe('An input article after cleaning.');

const excluded = z
  .object({
    path: z.string().describe('The input, as given.'),
    reason: z.string().describe('Why it was left out.'),
    articleId: z.string().nullable().describe('Set when the input was read but the article was not usable.'),
  })
  .describe('An input left out of the briefing.');

const entity = z.object({
  key: z.string(),
  name: z.string(),
  type: z.enum(['person', 'place', 'organization']),
  variants: z.array(z.string()),
  mentions: z.number().int(),
  articleIds: z.array(z.string()),
});

export const BriefingSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    title: z.string(),
    date: isoDate.describe('The briefing date (YYYY-MM-DD).'),
    timezone: z.string().describe('IANA time zone of the briefing date and "as of" time.'),
    generatedAt: z.string().describe('ISO 8601 instant the briefing was generated.'),
    generator: z.object({ name: z.string(), version: z.string() }),
    inputsDigest: z.string().describe('sha256 over the inputs read: the same inputs give the same digest.'),
    stats: z.object({
      inputs: z.number().int(),
      articles: z.number().int(),
      articlesOk: z.number().int(),
      excluded: z.number().int(),
      threads: z.number().int(),
      events: z.number().int(),
      outlets: z.number().int(),
    }),
    threads: z.array(thread).describe('Story threads, most important first.'),
    articles: z.array(article),
    entities: z.array(entity).describe('People, places and organizations, most mentioned first.'),
    excluded: z.array(excluded),
    memory: z
      .object({
        edition: z.string().describe('The edition whose memory was applied.'),
        previousDate: isoDate.nullable().describe('Date of the previous edition remembered, or null for the first.'),
        carriedOver: z
          .number()
          .int()
          .min(0)
          .describe('Continuing stories left out because every article in them was reported in an earlier edition.'),
        staleDropped: z
          .number()
          .int()
          .min(0)
          .describe('Stories left out because nothing new was reported on them for longer than the stale limit.'),
      })
      .optional()
      .describe('Continuity with earlier editions; absent when the briefing was made without memory.'),
  })
  .describe('A daily briefing.');

export type Briefing = z.infer<typeof BriefingSchema>;
export type BriefingThread = z.infer<typeof thread>;
export type BriefingArticle = z.infer<typeof article>;
export type BriefingEvent = z.infer<typeof event>;
export type BriefingExcluded = z.infer<typeof excluded>;

/** JSON Schema of the model, for template authors and other tools. */
export function briefingJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BriefingSchema) as Record<string, unknown>;
}

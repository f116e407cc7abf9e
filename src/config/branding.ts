import { z } from '../util/zod.js';
import { CatalogSchema } from '../render/labels.js';

/*
 * The configuration's `branding:` (top level and per edition): what may be written, checked once when the
 * configuration loads. render/branding.ts resolves it (reads and checks the logo) per render.
 */

const NAMED_COLOURS = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
    'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white ' +
    'whitesmoke yellow yellowgreen'
  ).split(' '),
);

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:%|deg)?`;
// Functional notations with numbers only, comma or space separated (with an optional "/ alpha"): nothing
// else can reach the CSS, so a colour can never close a rule or a style attribute.
const FUNCTIONAL = new RegExp(String.raw`^(?:rgba?|hsla?)\(\s*${NUM}(?:\s*,\s*|\s+)${NUM}(?:\s*,\s*|\s+)${NUM}(?:\s*(?:,|/)\s*${NUM})?\s*\)$`, 'i');

/** True for a CSS colour this program accepts: hex, rgb()/rgba()/hsl()/hsla() with numbers, or a colour name. */
export function isCssColour(value: string): boolean {
  const v = value.trim();
  return HEX.test(v) || FUNCTIONAL.test(v) || NAMED_COLOURS.has(v.toLowerCase());
}

const COLOUR_HINT = 'use a hex colour (#00558c), rgb(0 85 140), hsl(203 100% 27%) or a CSS colour name (navy)';

function isLocale(value: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([value]).length > 0;
  } catch {
    return false;
  }
}

export const DATE_FORMATS = ['long', 'medium', 'short'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const BrandingSchema = z
  .object({
    title: z.string().trim().min(1).optional().describe('Replaces the briefing title in every output.'),
    logoPath: z.string().min(1).optional().describe('A PNG, JPEG or SVG file (up to 512 KB), inlined as a data: URI.'),
    accentColor: z
      .string()
      .refine(isCssColour, { error: (issue) => `"${String(issue.input)}" is not a CSS colour: ${COLOUR_HINT}` })
      .optional()
      .describe('The accent colour of headings, labels and rules.'),
    classification: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('A classification or distribution line ("INTERNAL — NOT FOR DISTRIBUTION") shown at the top and bottom.'),
    locale: z
      .string()
      .refine(isLocale, { error: (issue) => `"${String(issue.input)}" is not a locale this system knows: use a BCP 47 tag such as en-GB or de-DE` })
      .optional()
      .describe('BCP 47 locale of dates and numbers.'),
    dateFormat: z.enum(DATE_FORMATS).optional().describe('How the briefing date is written: long, medium or short.'),
    labels: CatalogSchema.optional().describe(
      'The house\'s own wording of fixed labels ("toc.title": "In this issue"), in any locale; keys as in the program\'s locales/en.json.',
    ),
  })
  .strict()
  .describe('House branding, applied to any theme.');

export type Branding = z.infer<typeof BrandingSchema>;

/**
 * An edition's branding: the top-level `branding:` with the edition's own keys over it; its labels change single
 * labels of the top-level ones (one place, so a run, its e-mail and the theme preview all see the same).
 */
export function editionBranding(top: Branding | undefined, edition: Branding | undefined): Branding | undefined {
  if (!top && !edition) return undefined;
  const labels = top?.labels || edition?.labels ? { labels: { ...top?.labels, ...edition?.labels } } : {};
  return { ...top, ...edition, ...labels };
}

import type { InputMetadata } from './types.js';

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /(Article|BlogPosting|Report|WebPage|LiveBlogPosting)$/i;

/**
 * Metadata of a web page: JSON-LD first (the most deliberate statement a publisher makes), then meta tags,
 * then the visible page (<title>, <time>, <html lang>).
 */
export function extractHtmlMetadata(document: Document, url?: string): InputMetadata {
  const jsonLd = readJsonLdArticle(document);
  const metaTags = readMetaTags(document);
  const page = readPage(document);
  const merged: InputMetadata = {};
  for (const field of ['title', 'source', 'url', 'published', 'author', 'language'] as const) {
    const value = [jsonLd[field], metaTags[field], page[field]].map((candidate) => sanitizeField(field, candidate)).find(Boolean);
    if (value) merged[field] = value;
  }
  if (!merged.url && url) merged.url = url;
  // og:locale writes "en_GB"; the pipeline uses BCP 47 tags ("en-GB").
  if (merged.language) merged.language = merged.language.replace(/_/g, '-');
  return merged;
}

/** Rejects placeholder values publishers leave in templates, so the next source can supply the field. */
export function sanitizeField(field: keyof InputMetadata, value: string | undefined): string | undefined {
  if (!value) return undefined;
  switch (field) {
    case 'published': {
      // CMS templates emit "0001-01-01T00:00:00Z" when the date is unset.
      const year = /\b(\d{4})\b/.exec(value)?.[1];
      return year && (Number(year) < 1900 || Number(year) > 2100) ? undefined : value;
    }
    case 'author': {
      const name = value.replace(/^by\s+/i, '').trim();
      return name === '' || /\d|https?:\/\//.test(name) || name.length > 100 ? undefined : name;
    }
    case 'source':
      return /^https?:\/\//i.test(value) ? hostnameOf(value) : value;
    default:
      return value;
  }
}

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function readJsonLdArticle(document: Document): InputMetadata {
  const objects: JsonObject[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collectObjects(JSON.parse(script.textContent ?? ''), objects);
    } catch {
      // A broken JSON-LD block is common on real pages; the meta tags still apply.
    }
  }
  const article = objects.find((object) => typeNames(object).some((type) => ARTICLE_TYPES.test(type) && !/^WebPage$/i.test(type)))
    ?? objects.find((object) => typeNames(object).some((type) => ARTICLE_TYPES.test(type)));
  if (!article) return {};
  return {
    title: asText(article.headline) ?? asText(article.name),
    source: nameOf(article.publisher),
    url: asText(article.url) ?? asText((article.mainEntityOfPage as JsonObject | undefined)?.['@id']),
    published: asText(article.datePublished) ?? asText(article.dateCreated),
    author: nameOf(article.author),
    language: asText(article.inLanguage),
  };
}

function collectObjects(value: unknown, into: JsonObject[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into);
  } else if (value && typeof value === 'object') {
    const object = value as JsonObject;
    into.push(object);
    if (object['@graph']) collectObjects(object['@graph'], into);
  }
}

function typeNames(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

/** Authors and publishers come as a string, an object with a name, or a list of either. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => Boolean(name));
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (value && typeof value === 'object') return asText((value as JsonObject).name);
  return undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return asText(value[0]);
  return undefined;
}

function clean(text: string): string | undefined {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

function readMetaTags(document: Document): InputMetadata {
  const content = new Map<string, string>();
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const value = clean(meta.getAttribute('content') ?? '');
    if (key && value && !content.has(key)) content.set(key, value);
  }
  const first = (...keys: string[]): string | undefined => keys.map((key) => content.get(key)).find(Boolean);
  const author = first('author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author');
  return {
    title: first('og:title', 'twitter:title', 'dc.title', 'headline'),
    source: first('og:site_name', 'application-name', 'publisher', 'dc.publisher'),
    url: first('og:url') ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined,
    published: first(
      'article:published_time', 'datepublished', 'og:published_time', 'published_time', 'pubdate', 'publishdate',
      'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date',
    ),
    author,
    language: first('og:locale', 'language', 'content-language', 'dc.language'),
  };
}

function readPage(document: Document): InputMetadata {
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const byline = document.querySelector('[rel="author"], [itemprop="author"], .byline, .author')?.textContent ?? '';
  return {
    title: clean(document.querySelector('h1')?.textContent ?? '') ?? clean(document.title ?? ''),
    published: time ? clean(time) : undefined,
    author: clean(byline),
    language: clean(document.documentElement?.getAttribute('lang') ?? ''),
  };
}

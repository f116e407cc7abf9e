/**
 * Intl objects by locale and options, made once per process: a render writes hundreds of dates, numbers and plural
 * labels, and building a formatter or a plural rule costs far more than using one (an Intl.PluralRules made per
 * label was a tenth of a warm HTML render). They are immutable, so a kept one answers as a new one would. Bounded,
 * since locales and currencies come from the inputs.
 */
type IntlObject = Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules;

const MAX_KEPT = 500;
const kept = new Map<string, IntlObject>();

function cached<T extends IntlObject>(kind: string, locale: string | undefined, options: object | undefined, make: () => T): T {
  const key = JSON.stringify([kind, locale, options]);
  let made = kept.get(key) as T | undefined;
  if (!made) {
    made = make();
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, made);
  }
  return made;
}

export const dateTimeFormat = (locale?: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));

export const numberFormat = (locale?: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('number', locale, options, () => new Intl.NumberFormat(locale, options));

export const pluralRules = (language: string): Intl.PluralRules => cached('plural', language, undefined, () => new Intl.PluralRules(language));

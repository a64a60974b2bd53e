// Making an Intl formatter costs tens of microseconds, far more than formatting with one, and a page formats
// dozens of dates and numbers in a few languages and styles: each formatter is made once and kept.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** One shared date formatter per locale and named set of options (the name keys the options: pass them in a fixed shape). */
export function dateTimeFormat(locale: string, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${name}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** A number formatter for the language with at most `maximumFractionDigits` decimals. */
export function numberFormat(lang: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}\u0000${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(lang, { maximumFractionDigits })));
  return format;
}

/** Texts remembered per formatter before its memory starts afresh: far more distinct dates than any page shows. */
const TEXTS_KEPT = 20_000;

/**
 * `format`, remembered per language and value: pages write the same few thousand dates over and over, and an Intl
 * formatter takes a microsecond or two each time (a commitment's timeline and a member's plans write dozens).
 */
export function remembered(format: (lang: string, value: string) => string): (lang: string, value: string) => string {
  const byLanguage = new Map<string, Map<string, string>>();
  return (lang, value) => {
    let texts = byLanguage.get(lang);
    if (!texts) byLanguage.set(lang, (texts = new Map()));
    let text = texts.get(value);
    if (text === undefined) {
      text = format(lang, value);
      if (texts.size >= TEXTS_KEPT) texts.clear();
      texts.set(value, text);
    }
    return text;
  };
}

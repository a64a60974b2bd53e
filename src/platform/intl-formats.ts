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

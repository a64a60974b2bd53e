// Making a formatter costs tens of microseconds; pages format many numbers in few languages and precisions.
const formats = new Map<string, Intl.NumberFormat>();

/** A number formatter for the language with at most `maximumFractionDigits` decimals, made once and kept. */
export function numberFormat(lang: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}\u0000${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

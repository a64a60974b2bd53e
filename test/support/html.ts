// Reading pages the way the tests need: what a fragment says, and what a form or a list holds.

/** The text an HTML fragment stands for, its entities decoded, for comparing page text with what was stored. */
export const decodeEntities = (html: string): string =>
  html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The CSRF token a page's form carries, as a browser would send it back. */
export const csrfToken = (html: string): string | undefined => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Every value of one data attribute, in page order: which records a list shows, and in what order. */
export const dataValues = (html: string, attribute: string): string[] =>
  [...html.matchAll(new RegExp(`${attribute}="([^"]+)"`, 'g'))].map((m) => m[1] ?? '');

/** How many body rows a govuk table shows; the header row holds th cells, not td. */
export const tableRowCount = (html: string): number => (html.match(/<tr class="govuk-table__row">\s*<td/g) ?? []).length;

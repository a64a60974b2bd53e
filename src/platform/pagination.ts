import type { Translate } from './i18n.ts';

export const PAGE_SIZE = 25;

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

/** Turns a page number from a browser's address bar into a usable one: anything odd means the first page. */
export function parsePageNumber(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value)) return 1;
  return Math.max(1, Number(value));
}

export const pageOffset = ({ page, perPage }: PageRequest): number => (page - 1) * perPage;

interface PaginationItem {
  number?: number;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
  visuallyHiddenText?: string;
}

export interface PaginationParams {
  landmarkLabel: string;
  previous?: { href: string; html: string };
  next?: { href: string; html: string };
  items: PaginationItem[];
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Parameters for govukPagination, or null when everything fits on one page. Links keep the
 * current filters, so moving between pages never loses the search.
 */
export function paginationParams(
  t: Translate,
  path: string,
  query: Record<string, string | undefined>,
  { page, perPage, total }: { page: number; perPage: number; total: number },
): PaginationParams | null {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const href = (n: number): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (n > 1) params.set('page', String(n));
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  };
  // The first, the last and the neighbours of the current page; gaps become an ellipsis.
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let previousNumber = 0;
  for (const n of shown) {
    if (n - previousNumber > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page, visuallyHiddenText: t('common.pagination.page', { number: n }) });
    previousNumber = n;
  }
  const hidden = (text: string): string => `<span class="govuk-visually-hidden">${escapeHtml(text)}</span>`;
  return {
    landmarkLabel: t('common.pagination.label'),
    // A page past the end (an old link after deletions) still offers a way back to the last real page.
    ...(page > 1 ? { previous: { href: href(Math.min(page - 1, pages)), html: `${escapeHtml(t('common.previous'))}${hidden(t('common.pagination.pageSuffix'))}` } } : {}),
    ...(page < pages ? { next: { href: href(page + 1), html: `${escapeHtml(t('common.next'))}${hidden(t('common.pagination.pageSuffix'))}` } } : {}),
    items,
  };
}

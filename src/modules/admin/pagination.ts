import type { Translate } from '../../platform/i18n.ts';

export interface PageRequest {
  page: number;
  perPage: number;
}

/** Turns a page number from the address bar into a usable one: anything odd means the first page. */
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
  previous?: { href: string; text: string };
  next?: { href: string; text: string };
  items: PaginationItem[];
}

/**
 * Parameters for govukPagination, or null when everything fits on one page. Every link keeps the
 * list's filters, so moving between pages never loses the search.
 */
export function paginationParams(
  t: Translate,
  path: string,
  filters: Record<string, string | undefined>,
  { page, perPage, total }: PageRequest & { total: number },
): PaginationParams | null {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const href = (n: number): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (n > 1) params.set('page', String(n));
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  };
  // The first, the last and the neighbours of the current page; gaps become an ellipsis.
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let before = 0;
  for (const n of shown) {
    if (n - before > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page, visuallyHiddenText: t('admin.pagination.page', { number: n }) });
    before = n;
  }
  // A page past the end (an old link after deletions) still offers a way back to the last real page.
  return {
    landmarkLabel: t('admin.pagination.label'),
    ...(page > 1 ? { previous: { href: href(Math.min(page - 1, pages)), text: t('admin.pagination.previous') } } : {}),
    ...(page < pages ? { next: { href: href(page + 1), text: t('admin.pagination.next') } } : {}),
    items,
  };
}

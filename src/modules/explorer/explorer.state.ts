import { searchTerms } from '../../db/fulltext.ts';
import { parsePageNumber } from '../../platform/pagination.ts';
import { FACET_NAMES, type FacetName, isFacetName, isSort, type Sort } from './explorer.facets.ts';

// The explorer's whole state lives in the address, so any view of it can be bookmarked and shared:
// q, one repeated parameter per facet, sort and page, and which facet is shown in full (all, allPage).
// This reads it and writes it back.

/** The explorer's address, which every link it makes starts from. */
export const EXPLORER_PATH = '/commitments';

export const QUERY_MAX = 200;
export const VALUE_MAX = 200;
/** More values than this in one facet are ignored: nobody ticks that many boxes, and each one costs a comparison. */
export const VALUES_PER_FACET_MAX = 50;
export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;

export type Filters = Partial<Record<FacetName, string[]>>;

export interface ExplorerState {
  /** The search as typed, trimmed. */
  q: string;
  /** Its words as the index sees them; empty means no text condition. */
  terms: string[];
  filters: Filters;
  /** The order used: relevance only when there are words to be relevant to. */
  sort: Sort;
  page: number;
  pageSize: number;
  /** The facet whose every value is listed, a page of them at a time, instead of the most frequent few. */
  expanded: Expanded | null;
}

export interface Expanded {
  facet: FacetName;
  page: number;
}

type QueryValue = string | readonly string[] | number | undefined | null;

const asList = (value: QueryValue): string[] => {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
};

/** The sort to use when the address names none, or names one that cannot apply. */
export const defaultSort = (terms: readonly string[]): Sort => (terms.length > 0 ? 'relevance' : 'newest');

/**
 * Reads the state from a query string object (repeated keys as arrays). Anything odd is dropped rather
 * than refused: the page is a set of filters, and a half-understood link should still show something.
 */
export function readState(query: Readonly<Record<string, QueryValue>>, options: { pageSize?: number } = {}): ExplorerState {
  const q = asList(query.q)[0]?.trim().slice(0, QUERY_MAX) ?? '';
  const terms = searchTerms(q);
  const filters: Filters = {};
  for (const name of FACET_NAMES) {
    const values = [...new Set(asList(query[name]).map((v) => v.trim()).filter((v) => v !== '' && v.length <= VALUE_MAX))];
    if (values.length > 0) filters[name] = values.slice(0, VALUES_PER_FACET_MAX).sort();
  }
  const requested = asList(query.sort)[0];
  const sort = isSort(requested) && !(requested === 'relevance' && terms.length === 0) ? requested : defaultSort(terms);
  const all = asList(query.all)[0];
  const expanded = isFacetName(all) ? { facet: all, page: parsePageNumber(asList(query.allPage)[0]) } : null;
  return { q, terms, filters, sort, page: parsePageNumber(asList(query.page)[0]), pageSize: options.pageSize ?? PAGE_SIZE_DEFAULT, expanded };
}

/** Whether any facet value is selected or any word searched. */
export const isFiltered = (state: ExplorerState): boolean => state.terms.length > 0 || Object.keys(state.filters).length > 0;

export interface StateChanges {
  page?: number;
  sort?: Sort;
  without?: { facet: FacetName; value: string };
  /** The facet to show in full instead of the state's own; null for none (downloads, "show fewer"). */
  expanded?: Expanded | null;
}

/** The address's query for a state, in a fixed order, leaving out defaults. */
export function stateParams(state: ExplorerState, changes: StateChanges = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of FACET_NAMES) {
    for (const value of state.filters[name] ?? []) {
      if (changes.without?.facet === name && changes.without.value === value) continue;
      params.append(name, value);
    }
  }
  const sort = changes.sort ?? state.sort;
  if (sort !== defaultSort(state.terms)) params.set('sort', sort);
  const page = changes.page ?? 1;
  if (page > 1) params.set('page', String(page));
  // Another page of results or other filters keep the full list open, at its first page of values.
  const expanded = changes.expanded === undefined ? (state.expanded && { facet: state.expanded.facet, page: 1 }) : changes.expanded;
  if (expanded) params.set('all', expanded.facet);
  if (expanded && expanded.page > 1) params.set('allPage', String(expanded.page));
  return params;
}

export const withQuery = (path: string, params: URLSearchParams): string => {
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

/** What identifies the matching set, whatever the order or page: the key its counts are cached under. */
export const filterKey = (state: ExplorerState): string => JSON.stringify([state.terms, FACET_NAMES.map((name) => state.filters[name] ?? [])]);

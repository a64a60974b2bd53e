import type { Translate } from '../../platform/i18n.ts';
import { type LabelledFacet, type LabelledValue, labelFacet } from './explorer.presenter.ts';
import type { FacetValue } from './explorer.service.ts';
import { EXPLORER_PATH, type ExplorerState, stateParams, withQuery } from './explorer.state.ts';

// Each facet as the page shows it. A long facet (members, policy areas) lists only its most frequent values,
// and the ones ticked, with a link to all of them: hundreds of checkboxes would make every page heavy.
// All of them are then listed a page at a time, by plain links, so it works without JavaScript.

/** A facet with more values than this lists only the most frequent FACET_SHORT of them. */
const FACET_SHORT_MAX = 12;
const FACET_SHORT = 10;
/** Values per page of a facet shown in full. */
export const ALL_VALUES_PAGE = 100;
/** Facets with this many values or fewer start open; longer ones open when one of their values is ticked. */
const OPEN_FACET_MAX = 8;

interface Link {
  href: string;
  text: string;
}

export interface FacetView {
  name: string;
  label: string;
  open: boolean;
  items: Array<{ value: string; text: string; checked: boolean }>;
  /** To every value of a shortened facet: how many there are. */
  showAll: (Link & { count: number }) | null;
  /** Back to the short list, from a facet shown in full. */
  showFewer: Link | null;
  /** Within a facet shown in full: which values these are, and the pages either side. */
  valuePages: { summary: string; previous: Link | null; next: Link | null } | null;
}

const item = (v: LabelledValue) => ({ value: v.value, text: `${v.label} (${v.count})`, checked: v.selected });

/** The most frequent values (ties in the facet's own order), the ticked ones always, in the facet's own order. */
function shortened(values: LabelledValue[]): LabelledValue[] {
  const byCount = values.map((v, position) => ({ v, position })).sort((a, b) => b.v.count - a.v.count || a.position - b.position);
  const shown = new Set(byCount.slice(0, FACET_SHORT).map((e) => e.v));
  return values.filter((v) => shown.has(v) || v.selected);
}

function shortView(t: Translate, state: ExplorerState, facet: LabelledFacet): FacetView {
  const all = facet.values.length + facet.more;
  const long = all > FACET_SHORT_MAX;
  const values = long ? shortened(facet.values) : facet.values;
  return {
    name: facet.name,
    label: facet.label,
    open: facet.values.some((v) => v.selected) || values.length <= OPEN_FACET_MAX,
    items: values.map(item),
    showAll: long
      ? { href: withQuery(EXPLORER_PATH, stateParams(state, { page: state.page, expanded: { facet: facet.name, page: 1 } })), text: t('explorer.showAll', { count: all }), count: all }
      : null,
    showFewer: null,
    valuePages: null,
  };
}

function fullView(t: Translate, lang: string, state: ExplorerState, facet: LabelledFacet, every: FacetValue[]): FacetView {
  const everything = labelFacet(t, lang, state, facet.name, every, 0).values;
  const pages = Math.max(1, Math.ceil(everything.length / ALL_VALUES_PAGE));
  const page = Math.min(state.expanded?.page ?? 1, pages);
  const first = (page - 1) * ALL_VALUES_PAGE;
  const onPage = everything.slice(first, first + ALL_VALUES_PAGE);
  // Ticked values on other pages stay in the form, so applying it never drops them.
  const elsewhere = everything.filter((v, i) => v.selected && (i < first || i >= first + ALL_VALUES_PAGE));
  const pageLink = (n: number): Link => ({
    href: withQuery(EXPLORER_PATH, stateParams(state, { page: state.page, expanded: { facet: facet.name, page: n } })),
    text: t(n < page ? 'explorer.allValues.previous' : 'explorer.allValues.next', { facet: facet.label }),
  });
  return {
    name: facet.name,
    label: facet.label,
    open: true,
    items: [...elsewhere, ...onPage].map(item),
    showAll: null,
    showFewer: { href: withQuery(EXPLORER_PATH, stateParams(state, { page: state.page, expanded: null })), text: t('explorer.allValues.fewer') },
    valuePages:
      pages > 1
        ? {
            summary: t('explorer.allValues.summary', { from: first + 1, to: first + onPage.length, count: everything.length }),
            previous: page > 1 ? pageLink(page - 1) : null,
            next: page < pages ? pageLink(page + 1) : null,
          }
        : null,
  };
}

/** Every facet to show; `every` holds all the values of the facet the state shows in full, if any. */
export function facetViews(t: Translate, lang: string, state: ExplorerState, facets: LabelledFacet[], every: FacetValue[] | null): FacetView[] {
  return facets.map((facet) => (every && state.expanded?.facet === facet.name ? fullView(t, lang, state, facet, every) : shortView(t, state, facet)));
}

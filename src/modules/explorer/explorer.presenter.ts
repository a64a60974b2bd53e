import type { Translate } from '../../platform/i18n.ts';
import { regionKey } from '../members/regions.ts';
import { MEMBER_TYPES } from '../members/member-types.ts';
import {
  FACET_NAMES,
  type FacetName,
  IRM_FACETS,
  missingCodeOf,
  MISSING_TOKENS,
  OGP_VALUES,
  STAR_FACETS,
  STATUS_ORDER,
} from './explorer.facets.ts';
import type { FacetCounts, FacetValue } from './explorer.service.ts';
import type { ExplorerState } from './explorer.state.ts';

// Facet counts as people read them: every value named in the reader's language, in a sensible order,
// with the values they ticked kept even when nothing matches them any more, so they can untick them.

export interface LabelledValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface LabelledFacet {
  name: FacetName;
  label: string;
  values: LabelledValue[];
  /** Values that match something but are not listed. */
  more: number;
}

/** An unknown slug as words, so a value outside the known vocabulary is still shown rather than lost. */
export const humanise = (slug: string): string => {
  const words = slug.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** "2016-2018" as "2016–2018". */
export const periodLabel = (period: string): string => period.replace('-', '–');

const MISSING_ORDER = Object.values(MISSING_TOKENS);

/** Where a value goes in its facet's list: lower first, then by label. */
function rankOf(facet: FacetName, value: string): number {
  const missing = MISSING_ORDER.indexOf(value);
  if (missing >= 0) return 1000 + missing;
  const scale: readonly string[] | undefined =
    facet === 'status'
      ? STATUS_ORDER
      : facet === 'memberType'
        ? MEMBER_TYPES
        : facet === 'value'
          ? OGP_VALUES.map((v) => v.value)
          : (IRM_FACETS.find((f) => f.name === facet)?.scale ?? (STAR_FACETS.some((f) => f.name === facet) ? ['yes', 'no'] : undefined));
  const position = scale?.indexOf(value) ?? -1;
  return position >= 0 ? position : 500;
}

export function valueLabel(t: Translate, facet: FacetName, value: string, name?: string): string {
  const missing = missingCodeOf(value);
  if (missing && facet !== 'member' && facet !== 'theme' && facet !== 'region') return t(`explorer.missing.${missing}`);
  switch (facet) {
    case 'member':
      return name ?? value;
    case 'region': {
      const key = regionKey(value);
      return key ? t(key) : value;
    }
    case 'memberType':
      return t(`members.types.${value}`, { defaultValue: humanise(value) });
    case 'theme':
      return value;
    case 'value':
      return t(`explorer.values.${value}`, { defaultValue: humanise(value) });
    case 'status':
      return t(`explorer.statuses.${value}`, { defaultValue: humanise(value) });
    case 'period':
      return periodLabel(value);
    default:
      if (STAR_FACETS.some((f) => f.name === facet)) return t(`explorer.starred.${value}`, { defaultValue: humanise(value) });
      return t(`explorer.ratings.${value}`, { defaultValue: humanise(value) });
  }
}

// Creating a collator is far dearer than comparing with one, so each language keeps its own.
const collators = new Map<string, Intl.Collator>();
const collatorFor = (lang: string): Intl.Collator => {
  let collator = collators.get(lang);
  if (!collator) collators.set(lang, (collator = new Intl.Collator(lang)));
  return collator;
};

function ordered(facet: FacetName, values: LabelledValue[], lang: string): LabelledValue[] {
  const collator = collatorFor(lang);
  const byLabel = (a: LabelledValue, b: LabelledValue) => collator.compare(a.label, b.label);
  if (facet === 'theme') return values.sort((a, b) => b.count - a.count || byLabel(a, b));
  if (facet === 'period') return values.sort((a, b) => b.value.localeCompare(a.value));
  return values.sort((a, b) => rankOf(facet, a.value) - rankOf(facet, b.value) || byLabel(a, b));
}

// Counts are cached per data version and selection, so their labelling is too, once per language.
const labelled = new WeakMap<FacetCounts, Map<string, LabelledFacet[]>>();

/** Every facet that has something to offer, labelled and ordered, with the state's selections marked. */
export function labelFacets(t: Translate, lang: string, state: ExplorerState, counts: FacetCounts): LabelledFacet[] {
  let byLanguage = labelled.get(counts);
  if (!byLanguage) labelled.set(counts, (byLanguage = new Map()));
  let facets = byLanguage.get(lang);
  if (!facets) byLanguage.set(lang, (facets = label(t, lang, state, counts)));
  return facets;
}

function label(t: Translate, lang: string, state: ExplorerState, counts: FacetCounts): LabelledFacet[] {
  return FACET_NAMES.flatMap((name) => {
    const facet = labelFacet(t, lang, state, name, counts[name]?.values ?? [], counts[name]?.more ?? 0);
    return facet.values.length > 0 ? [facet] : [];
  });
}

/** One facet's values labelled and ordered, with the state's selections marked (and kept when nothing matches them). */
export function labelFacet(t: Translate, lang: string, state: ExplorerState, name: FacetName, counted: FacetValue[], more: number): LabelledFacet {
  const selected = new Set(state.filters[name] ?? []);
  const known = counted.filter((v) => v.count > 0);
  const shown = new Set(known.map((v) => v.value));
  const stale = [...selected].filter((v) => !shown.has(v)).map((value) => ({ value, count: 0 }));
  const values = [...known, ...stale].map((v: FacetValue) => ({
    value: v.value,
    label: valueLabel(t, name, v.value, v.name),
    count: v.count,
    selected: selected.has(v.value),
  }));
  return { name, label: t(`explorer.facets.${name}`), values: ordered(name, values, lang), more };
}

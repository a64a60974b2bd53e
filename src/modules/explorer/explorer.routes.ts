import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Translate } from '../../platform/i18n.ts';
import { PageCache } from '../../platform/page-cache.ts';
import { paginationParams } from '../../platform/pagination.ts';
import { authorize } from '../../platform/policies.ts';
import { csvStream, jsonStream } from './explorer.download.ts';
import { SORTS } from './explorer.facets.ts';
import { type FacetView, facetViews } from './explorer.facet-view.ts';
import { labelFacets, periodLabel, valueLabel } from './explorer.presenter.ts';
import { ExplorerPageQuery } from './explorer.schemas.ts';
import { allFacetValues, type ExplorerListing, exploreListing, explorerVersion, type FacetValue } from './explorer.service.ts';
import { defaultSort, EXPLORER_PATH, type ExplorerState, isFiltered, readState, stateParams, withQuery } from './explorer.state.ts';

const VIEW = 'modules/explorer/views/explorer.njk';

// Rendered pages for visitors who are not signed in: a few hundred searches' worth, tens of kilobytes each.
const PAGE_CACHE_BYTES = 24 * 1024 * 1024;

export const commitmentHref = (ogpId: string): string => `${EXPLORER_PATH}/${encodeURIComponent(ogpId)}`;

/** govukPagination's links, carrying every filter (repeated parameters included) to each page. */
function pagination(t: Translate, state: ExplorerState, total: number) {
  const params = paginationParams(t, EXPLORER_PATH, {}, { page: state.page, perPage: state.pageSize, total });
  if (!params) return null;
  const pageHref = (href: string): string => withQuery(EXPLORER_PATH, stateParams(state, { page: Number(new URL(href, 'http://local').searchParams.get('page') ?? '1') }));
  return {
    ...params,
    ...(params.previous ? { previous: { ...params.previous, href: pageHref(params.previous.href) } } : {}),
    ...(params.next ? { next: { ...params.next, href: pageHref(params.next.href) } } : {}),
    items: params.items.map((item) => (item.href ? { ...item, href: pageHref(item.href) } : item)),
  };
}

function pageContext(t: Translate, lang: string, state: ExplorerState, result: ExplorerListing, facets: FacetView[]) {
  const selections = labelFacets(t, lang, state, result.facets).flatMap((facet) =>
    facet.values
      .filter((v) => v.selected)
      .map((v) => ({
        text: t('explorer.results.removeFilter', { facet: facet.label, value: v.label }),
        href: withQuery(EXPLORER_PATH, stateParams(state, { without: { facet: facet.name, value: v.value } })),
      })),
  );
  const downloadParams = stateParams(state, { expanded: null });
  return {
    q: state.q,
    total: result.total,
    filtered: isFiltered(state),
    facets,
    expanded: state.expanded?.facet ?? '',
    selections,
    sort: state.sort,
    // The default order is sent as an empty value, so a new search made from this form is ordered by relevance.
    sortItems: SORTS.filter((s) => s !== 'relevance' || state.terms.length > 0).map((s) => ({
      value: s === defaultSort(state.terms) ? '' : s,
      text: t(`explorer.sorts.${s}`),
      selected: s === state.sort,
    })),
    items: result.items.map((item) => ({
      ogpId: item.ogp_id,
      href: commitmentHref(item.ogp_id),
      title: item.title,
      memberName: item.member_name,
      memberHref: `/members/${encodeURIComponent(item.member_slug)}`,
      period: item.period ? periodLabel(item.period) : '',
      status: valueLabel(t, 'status', item.implementation_status),
      themes: item.themes,
    })),
    firstNumber: (state.page - 1) * state.pageSize + 1,
    pastTheEnd: result.items.length === 0 && result.total > 0,
    pagination: pagination(t, state, result.total),
    downloads: { csv: withQuery(`${EXPLORER_PATH}.csv`, downloadParams), json: withQuery(`${EXPLORER_PATH}.json`, downloadParams) },
  };
}

/**
 * The values reply.locals holds for this request alone, which a page kept for others must not contain. Only a
 * token already made is looked at: one made on first use must not be made just to be looked for.
 */
const perRequestValues = (reply: FastifyReply): Array<string | undefined> => {
  const token = reply.locals ? Object.getOwnPropertyDescriptor(reply.locals, 'csrfToken')?.value : undefined;
  return [typeof token === 'string' ? token : undefined];
};

export async function explorerRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.ctx;
  const pages = new PageCache(PAGE_CACHE_BYTES);

  async function render(request: FastifyRequest, reply: FastifyReply, state: ExplorerState, version: number): Promise<string> {
    const { t, lang } = request;
    const expanded = state.expanded;
    const [result, every] = await Promise.all([
      exploreListing(db, state, version),
      expanded ? allFacetValues(db, state, expanded.facet, version) : Promise.resolve<FacetValue[] | null>(null),
    ]);
    const facets = facetViews(t, lang, state, labelFacets(t, lang, state, result.facets), every);
    return reply.viewAsync(VIEW, pageContext(t, lang, state, result, facets));
  }

  r.get(EXPLORER_PATH, { schema: { querystring: ExplorerPageQuery } }, async (request, reply) => {
    authorize(request.actor, 'commitment.view');
    const version = await explorerVersion(db);
    reply.type('text/html; charset=utf-8');
    // Signed-in people may see more (their navigation, their permissions): their pages are never shared.
    if (request.actor) return reply.send(await render(request, reply, readState(request.query), version));
    const key = `${request.lang}\u0000${request.url}`;
    const kept = pages.get(version, key);
    if (kept) return reply.send(kept);
    const html = await render(request, reply, readState(request.query), version);
    return reply.send(pages.keep(version, key, html, perRequestValues(reply)));
  });

  // Every matching commitment, not a page of them, in the page's order.
  r.get(`${EXPLORER_PATH}.csv`, { schema: { querystring: ExplorerPageQuery } }, async (request, reply) => {
    authorize(request.actor, 'commitment.view');
    const state = readState(request.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="commitments.csv"')
      .send(csvStream(db, state, config.baseUrl));
  });

  r.get(`${EXPLORER_PATH}.json`, { schema: { querystring: ExplorerPageQuery } }, async (request, reply) => {
    authorize(request.actor, 'commitment.view');
    const state = readState(request.query);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="commitments.json"')
      .send(jsonStream(db, state, config.baseUrl));
  });
}

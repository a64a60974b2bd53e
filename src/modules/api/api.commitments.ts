import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/policies.ts';
import { commitmentUrl } from '../explorer/explorer.download.ts';
import { labelFacets } from '../explorer/explorer.presenter.ts';
import type { ResultItem } from '../explorer/explorer.service.ts';
import { explore } from '../explorer/explorer.service.ts';
import { PAGE_SIZE_DEFAULT, readState } from '../explorer/explorer.state.ts';
import { ApiError, oneResponse } from './api.schemas.ts';
import { CommitmentDetail, CommitmentList, CommitmentParams, CommitmentsQuery, type CommitmentSummaryType } from './api.commitments.schemas.ts';
import { getCommitmentDetail } from './commitment-detail.ts';

/** GET /v1/commitments and /v1/commitments/:ogpId, registered under /api with the rest of the API. */
export function commitmentsApiRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.ctx;
  const urlOf = (ogpId: string): string => commitmentUrl(config.baseUrl, ogpId);

  const summary = (item: ResultItem): CommitmentSummaryType => ({
    ogpId: item.ogp_id,
    title: item.title,
    shortTitle: item.short_title,
    member: { code: item.member_code, slug: item.member_slug, name: item.member_name, region: item.member_region, type: item.member_type },
    plan: { ogpId: item.plan_ogp_id, startDate: item.plan_start, endDate: item.plan_end },
    policyAreas: item.themes,
    implementationStatus: item.implementation_status,
    progressPercent: item.progress_percent,
    score: item.score,
    url: urlOf(item.ogp_id),
  });

  r.get(
    '/v1/commitments',
    {
      schema: {
        tags: ['commitments'],
        operationId: 'listCommitments',
        summary: 'Search and filter commitments',
        description:
          'Commitments matching a full-text search and any facet filters, one page at a time, with the count of matches for each value of each facet. The parameters are those of the /commitments page.',
        querystring: CommitmentsQuery,
        response: { 200: CommitmentList, 400: ApiError },
      },
    },
    async (request) => {
      authorize(request.actor, 'commitment.view');
      const { pageSize = PAGE_SIZE_DEFAULT, page = 1, ...filters } = request.query;
      const state = readState({ ...filters, page: String(page) }, { pageSize });
      const result = await explore(db, state);
      const facets = labelFacets(request.t, request.lang, state, result.facets);
      return {
        total: result.total,
        page: state.page,
        pageSize: state.pageSize,
        items: result.items.map(summary),
        facets: Object.fromEntries(facets.map((f) => [f.name, { label: f.label, values: f.values, more: f.more }])),
      };
    },
  );

  r.get(
    '/v1/commitments/:ogpId',
    {
      schema: {
        tags: ['commitments'],
        operationId: 'getCommitment',
        summary: 'Get one commitment',
        description: 'One commitment by its OGP identifier, with its plan, member, institutions, tags, IRM assessment, stars, milestones and progress updates.',
        params: CommitmentParams,
        response: { 200: oneResponse(CommitmentDetail, 'commitment'), 400: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      authorize(request.actor, 'commitment.view');
      return { data: await getCommitmentDetail(db, request.params.ogpId, urlOf) };
    },
  );
}

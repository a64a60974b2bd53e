import { type TSchema, Type } from 'typebox';
import { IRM_FIELDS, MISSING_CODES } from '../../db/irm-fields.ts';
import { IMPLEMENTATION_STATUSES, REGIONS } from '../commitments/commitment-status.ts';
import { FACET_NAMES, IRM_FACETS, MISSING_TOKENS, OGP_VALUES, SORTS, STAR_FACETS } from '../explorer/explorer.facets.ts';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, QUERY_MAX, VALUE_MAX, VALUES_PER_FACET_MAX } from '../explorer/explorer.state.ts';
import { MEMBER_TYPES } from '../members/member-types.ts';

// /api/v1/commitments: the explorer's search, facets and paging as JSON, with the same parameters as
// the /commitments page's address, so a page's query string works on the API unchanged.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = (values: readonly string[]) => values.map((value) => Type.Literal(value));

/** A facet parameter: repeat it to select several values, which widens the match. */
const facetParameter = (description: string, values?: readonly string[]) =>
  Type.Optional(
    Type.Array(values ? Type.Union(literals(values)) : Type.String({ minLength: 1, maxLength: VALUE_MAX }), {
      maxItems: VALUES_PER_FACET_MAX,
      description: `${description} Repeat the parameter to match any of several values.`,
    }),
  );

const MISSING = Object.values(MISSING_TOKENS);
const missingNote = 'ND, NR and NA select commitments the IRM recorded as no data, not reviewed or not applicable.';

const facetParameters = {
  member: facetParameter("Only commitments of this member, by OGP code (ALB) or, for a member without one, its slug."),
  region: facetParameter('Only commitments of members in this region, as OGP names it.', REGIONS),
  memberType: facetParameter('Only national or only local members\u2019 commitments.', MEMBER_TYPES),
  theme: facetParameter('Only commitments in this policy area of OGP\u2019s taxonomy, e.g. Open Data.'),
  value: facetParameter('Only commitments the IRM found relevant to this OGP value.', OGP_VALUES.map((v) => v.value)),
  status: facetParameter('Only commitments at this stage of implementation.', IMPLEMENTATION_STATUSES),
  period: Type.Optional(
    Type.Array(Type.String({ pattern: '^[0-9]{4}-[0-9]{4}$' }), {
      maxItems: VALUES_PER_FACET_MAX,
      description: 'Only commitments of action plans running over these years, e.g. 2016-2018. Repeat the parameter to match any of several values.',
    }),
  ),
  ...Object.fromEntries(
    IRM_FACETS.map((facet) => [facet.name, facetParameter(`Only commitments with this IRM rating of ${facet.field.replace(/_/g, ' ')}. ${missingNote}`, [...facet.scale, ...MISSING])]),
  ),
  ...Object.fromEntries(
    STAR_FACETS.map((facet) => [
      facet.name,
      facetParameter(`Only commitments starred (yes) or not (no) under the ${facet.formula} formula in the ${facet.report.replace(/_/g, '-')} report. ${missingNote}`, ['yes', 'no', ...MISSING]),
    ]),
  ),
};

export const CommitmentsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: QUERY_MAX, description: 'Words to search for in the identifier, title, text, theme and member name; every word must match, and words of two letters or more also match as prefixes.' })),
  ...facetParameters,
  sort: Type.Optional(Type.Union(literals(SORTS), { description: 'The order: relevance (the default when searching), newest (plan start, the default otherwise), title or member.' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number, from 1.' })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT, description: `Commitments per page, at most ${PAGE_SIZE_MAX}.` })),
});
export type CommitmentsQueryType = Type.Static<typeof CommitmentsQuery>;

export const CommitmentParams = Type.Object({ ogpId: Type.String({ minLength: 1, maxLength: 50, description: 'OGP\u2019s identifier of the commitment, e.g. AL0002.' }) });

const MemberRef = Type.Object({
  code: Nullable(Type.String({ description: 'OGP\u2019s code for the member, e.g. ALB.' })),
  slug: Type.String(),
  name: Type.String(),
  region: Nullable(Type.String()),
  type: Type.String({ description: `One of: ${MEMBER_TYPES.join(', ')}.` }),
});

export const CommitmentSummary = Type.Object({
  ogpId: Type.String(),
  title: Type.String(),
  shortTitle: Type.String(),
  member: MemberRef,
  plan: Type.Object({
    ogpId: Type.String(),
    startDate: Nullable(Type.String({ format: 'date' })),
    endDate: Nullable(Type.String({ format: 'date' })),
  }),
  policyAreas: Type.Array(Type.String()),
  implementationStatus: Type.String({ description: `One of: ${IMPLEMENTATION_STATUSES.join(', ')}.` }),
  progressPercent: Nullable(Type.Integer()),
  score: Nullable(Type.Number({ description: 'Relevance to the search when sorted by relevance; higher is better.' })),
  url: Type.String({ description: 'The commitment\u2019s page on this site.' }),
});

const FacetValue = Type.Object({
  value: Type.String({ description: 'What to pass in the facet\u2019s parameter to select it.' }),
  label: Type.String({ description: 'The value\u2019s name in the language asked for (Accept-Language).' }),
  count: Type.Integer({ description: 'Matching commitments with this value, counting every other active filter but not this facet\u2019s own.' }),
  selected: Type.Boolean(),
});

const Facet = Type.Object({
  label: Type.String(),
  values: Type.Array(FacetValue, { description: 'The most frequent values, and every selected one.' }),
  more: Type.Integer({ description: 'How many other values match something but are not listed.' }),
});

export const CommitmentList = Type.Object(
  {
    total: Type.Integer({ description: 'How many commitments match, on all pages.' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(CommitmentSummary),
    facets: Type.Object(Object.fromEntries(FACET_NAMES.map((name) => [name, Type.Optional(Facet)])), {
      description: 'For each facet with something to offer, its values and their counts.',
    }),
  },
  { description: 'One page of matching commitments, with facet counts.' },
);

// Spelt out rather than mapped, so the static type is the three codes and not a bare string.
const MissingCode = Type.Union([Type.Literal('no_data'), Type.Literal('not_reviewed'), Type.Literal('not_applicable')], {
  description: `Why there is no rating: ND, NR or NA in the IRM\u2019s data (${MISSING_CODES.join(', ')}). Never a value.`,
});

const Rating = Type.Object({
  value: Nullable(Type.String({ description: 'The rating, as a slug such as moderate.' })),
  missing: Nullable(MissingCode),
});

const EvidenceLinks = Type.Array(Type.String({ description: 'A web address.' }));

export const CommitmentDetail = Type.Object({
  ogpId: Type.String(),
  number: Type.String(),
  title: Type.String(),
  shortTitle: Type.String(),
  fullText: Type.String(),
  problem: Type.String(),
  statusQuo: Type.String(),
  objective: Type.String(),
  ambition: Type.String(),
  theme: Type.String(),
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  implementationStatus: Type.String(),
  progressPercent: Nullable(Type.Integer()),
  source: Type.String({ description: 'ogp_sheet, us_tracker or platform.' }),
  sourceUrl: Nullable(Type.String()),
  carriedForwardFrom: Nullable(Type.String({ description: 'The OGP identifier of the earlier commitment this one continues.' })),
  statedValues: Type.Object(
    {
      accessToInformation: Nullable(Type.Boolean()),
      civicParticipation: Nullable(Type.Boolean()),
      publicAccountability: Nullable(Type.Boolean()),
      technologyInnovation: Nullable(Type.Boolean()),
    },
    { description: 'The government\u2019s own statement of relevance to the OGP values; null when not stated.' },
  ),
  member: Type.Object({ ...MemberRef.properties, cohort: Nullable(Type.String()), status: Type.String() }),
  plan: Type.Object({
    ogpId: Type.String(),
    number: Type.Integer(),
    title: Type.String(),
    startDate: Nullable(Type.String()),
    endDate: Nullable(Type.String()),
    dueDate: Nullable(Type.String()),
    submittedOn: Nullable(Type.String()),
    status: Type.String(),
  }),
  institutions: Type.Array(
    Type.Object({ role: Type.String({ description: 'lead or supporting.' }), name: Type.String(), slug: Type.String(), type: Type.String() }),
  ),
  tags: Type.Array(Type.Object({ vocabulary: Type.String({ description: 'policy_area or theme.' }), tag: Type.String() })),
  irm: Nullable(
    Type.Object(
      {
        progressReportYear: Nullable(Type.Integer()),
        endOfTermReportYear: Nullable(Type.Integer()),
        ratings: Type.Object(Object.fromEntries(IRM_FIELDS.map((field) => [field, Rating]))),
      },
      { description: 'The Independent Reporting Mechanism\u2019s assessment; null when it has not assessed the commitment.' },
    ),
  ),
  stars: Type.Array(
    Type.Object({
      formula: Type.String({ description: '2015 or current.' }),
      report: Type.String({ description: 'progress or end_of_term.' }),
      starred: Nullable(Type.Boolean()),
      missing: Nullable(MissingCode),
    }),
  ),
  milestones: Type.Array(
    Type.Object({
      position: Type.Integer(),
      ogpId: Nullable(Type.String()),
      title: Type.String(),
      description: Type.String(),
      startDate: Nullable(Type.String()),
      dueDate: Nullable(Type.String()),
      status: Type.String(),
      percentComplete: Type.Integer(),
      weight: Type.Number(),
      evidenceLinks: EvidenceLinks,
    }),
  ),
  progressUpdates: Type.Array(
    Type.Object({
      reportedOn: Type.String(),
      milestone: Nullable(Type.Integer({ description: 'The position of the milestone the update is about; null for the whole commitment.' })),
      status: Type.String(),
      percentComplete: Type.Integer(),
      narrative: Type.String(),
      evidenceLinks: EvidenceLinks,
      source: Type.String({ description: 'platform (a point of contact\u2019s update) or import.' }),
    }),
    { description: 'The public timeline, oldest first.' },
  ),
  url: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export type CommitmentSummaryType = Type.Static<typeof CommitmentSummary>;
export type CommitmentListType = Type.Static<typeof CommitmentList>;
export type CommitmentDetailType = Type.Static<typeof CommitmentDetail>;

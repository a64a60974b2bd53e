import { type TSchema, Type } from 'typebox';
import { IMPLEMENTATION_STATUSES, PLAN_STATUSES } from '../commitments/commitment-status.ts';
import { API_DEFAULT_PER_PAGE, API_MAX_PER_PAGE } from '../api/api.schemas.ts';

// Form fields are optional strings: the services check them and name each problem in words.

export const PlanParams = Type.Object({ ogpId: Type.String() });
export const MemberSlugParams = Type.Object({ slug: Type.String() });
export const AssessmentParams = Type.Object({ ogpId: Type.String(), kind: Type.String() });

export const PlanFormBody = Type.Object({
  ogpId: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  startDate: Type.Optional(Type.String()),
  endDate: Type.Optional(Type.String()),
  dueDate: Type.Optional(Type.String()),
  submittedOn: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
});

export const AssessmentFormBody = Type.Object({
  kind: Type.Optional(Type.String()),
  body: Type.Optional(Type.String()),
  documentUrl: Type.Optional(Type.String()),
  commentsOpenOn: Type.Optional(Type.String()),
  commentsCloseOn: Type.Optional(Type.String()),
});

export const CommentBody = Type.Object({
  midTermComment: Type.Optional(Type.String()),
  endOfTermComment: Type.Optional(Type.String()),
});

// ---- The JSON API ----

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IsoDate = (description: string) => Nullable(Type.String({ format: 'date', description }));

export const PlansQuery = Type.Object({
  member: Type.Optional(Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z0-9]+$', description: 'The member\'s OGP code, e.g. ALB.' })),
  status: Type.Optional(Type.Union(PLAN_STATUSES.map((s) => Type.Literal(s)), { description: 'Only plans at this stage.' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number, from 1.' })),
  perPage: Type.Optional(
    Type.Integer({ minimum: 1, maximum: API_MAX_PER_PAGE, default: API_DEFAULT_PER_PAGE, description: `Results per page, at most ${API_MAX_PER_PAGE}.` }),
  ),
});

export const PlanIdParams = Type.Object({
  ogpId: Type.String({ minLength: 1, maxLength: 20, description: 'OGP\'s id of the plan, e.g. AP_ALB01.' }),
});

const PlanMember = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  code: Nullable(Type.String({ description: 'OGP code: ISO 3166-1 alpha-3 for national members.' })),
});

// Status types are plain strings, not enums: a client must not break when one is added.
export const PlanData = Type.Object({
  id: Type.String(),
  ogpId: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  member: PlanMember,
  startDate: IsoDate('The first day of the plan.'),
  endDate: IsoDate('The last day of the plan.'),
  dueDate: IsoDate('When the plan was due with OGP.'),
  submittedOn: IsoDate('When the government submitted it.'),
  status: Type.String({ description: `One of: ${PLAN_STATUSES.join(', ')}.` }),
  commitmentCount: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CommitmentsSummary = Type.Object({
  total: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer(), { description: `Commitments at each implementation status: ${IMPLEMENTATION_STATUSES.join(', ')}.` }),
  averageProgress: Nullable(Type.Integer({ description: 'Average percent complete of the commitments still being delivered that report one.' })),
  averagedOver: Type.Integer({ description: 'How many commitments the average is taken over.' }),
});

const SelfAssessmentData = Type.Object({
  kind: Type.String({ description: 'mid_term or end_of_term.' }),
  text: Type.String({ description: 'The self-assessment as published; may be empty when it is a document.' }),
  documentUrl: Nullable(Type.String()),
  commentsOpenOn: Type.String({ format: 'date' }),
  commentsCloseOn: Type.String({ format: 'date', description: 'The last day for comments, included.' }),
  commentCount: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
});

export const PlanDetailData = Type.Object({ ...PlanData.properties, commitments: CommitmentsSummary, selfAssessments: Type.Array(SelfAssessmentData) });

export type PlanDataType = Type.Static<typeof PlanData>;
export type PlanDetailDataType = Type.Static<typeof PlanDetailData>;

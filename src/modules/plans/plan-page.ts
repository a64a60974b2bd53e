import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/policies.ts';
import { describeHistory } from '../audit/audit.history.ts';
import type { MemberRow } from '../members/members.repository.ts';
import { memberOfPlan, planPageData } from './plan-page-cache.ts';
import { formatDate, implementationStatusName, planRowView, progressView } from './plan-views.ts';
import { getPlan, type PlanRow } from './plans.service.ts';
import { ASSESSMENT_KINDS, commentField, isAssessmentKind } from './self-assessments.service.ts';

// The plan page: what the page route shows, and what its comment forms re-render with on a mistake.

export const PLAN_VIEW = 'modules/plans/views/plan.njk';

export const planPath = (ogpId: string): string => `/plans/${encodeURIComponent(ogpId)}`;

const ogpIdInAddress = (request: FastifyRequest): string => (request.params as { ogpId?: string }).ogpId ?? '';

/** The plan in the address, with its member. */
export async function planAndMember(app: FastifyInstance, request: FastifyRequest): Promise<{ plan: PlanRow; member: MemberRow }> {
  const plan = await getPlan(app.ctx.db, ogpIdInAddress(request));
  return { plan, member: await memberOfPlan(app.ctx.db, plan) };
}

/** Everything the plan page shows; also the context its comment forms re-render with. */
export async function planPageContext(app: FastifyInstance, request: FastifyRequest): Promise<Record<string, unknown>> {
  const { t, lang, actor } = request;
  const { plan, member, details, history } = await planPageData(app.ctx.db, ogpIdInAddress(request));
  const published = new Set(details.selfAssessments.map((a) => a.kind));
  return {
    plan: planRowView(t, lang, { ...plan, timing: details.timing }),
    member,
    commitments: details.commitments.map((c) => ({ ...c, statusName: implementationStatusName(t, c.implementation_status) })),
    progress: progressView(t, details.progress),
    selfAssessments: details.selfAssessments.map((a) => ({
      ...a,
      // Kinds are checked when published; the guard keeps the types honest.
      field: isAssessmentKind(a.kind) ? commentField(a.kind) : '',
      opens: formatDate(lang, a.comments_open_on),
      closes: formatDate(lang, a.comments_close_on),
    })),
    canManage: can(actor, 'plan.manage', { memberId: member.id }),
    canAddCommitment: can(actor, 'commitment.manage', { memberId: member.id }),
    canComment: can(actor, 'self_assessment.comment'),
    unpublishedKinds: ASSESSMENT_KINDS.filter((kind) => !published.has(kind)),
    history: describeHistory(t, lang, history),
  };
}


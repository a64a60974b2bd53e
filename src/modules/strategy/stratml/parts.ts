/**
 * What a document becomes when written as one Part or the other. Part 1 (ISO 17469-1) has no
 * performance indicators, no stakeholder roles, no identifiers on AdministrativeInformation or the
 * Submitter, and keeps the Submitter inside AdministrativeInformation; Part 2 requires a Type.
 * The writer writes exactly this, so reading its file back gives this document again.
 */
import type { Stakeholder, StratmlDocument, StratmlPart } from './model.ts';

const withoutRoles = (stakeholders: Stakeholder[]): Stakeholder[] => stakeholders.map((stakeholder) => ({ ...stakeholder, roles: [] }));

export function asPart(doc: StratmlDocument, part: StratmlPart): StratmlDocument {
  if (part === 2) return { ...structuredClone(doc), part: 2, type: doc.type ?? 'Strategic_Plan' };
  const copy = structuredClone(doc);
  const info = copy.administrativeInformation;
  return {
    ...copy,
    part: 1,
    type: null,
    organizations: copy.organizations.map((organization) => ({ ...organization, stakeholders: withoutRoles(organization.stakeholders) })),
    goals: copy.goals.map((goal) => ({
      ...goal,
      stakeholders: withoutRoles(goal.stakeholders),
      objectives: goal.objectives.map((objective) => ({ ...objective, stakeholders: withoutRoles(objective.stakeholders), performanceIndicators: [] })),
    })),
    // Part 1's Submitter sits inside AdministrativeInformation, so writing one brings the other along.
    administrativeInformation: info
      ? { ...info, identifier: '' }
      : copy.submitter
        ? { identifier: '', startDate: '', endDate: '', publicationDate: '', source: '' }
        : null,
    submitter: copy.submitter ? { ...copy.submitter, identifier: '' } : null,
  };
}

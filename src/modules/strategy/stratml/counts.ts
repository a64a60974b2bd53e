import type { Objective, Stakeholder, StratmlDocument } from './model.ts';

/** The element kinds an import reports, in the order a person reads a plan. */
export const COUNTED_ELEMENTS = [
  'Organization',
  'Vision',
  'Mission',
  'Value',
  'Goal',
  'Objective',
  'Stakeholder',
  'Role',
  'PerformanceIndicator',
  'Relationship',
  'MeasurementInstance',
  'TargetResult',
  'ActualResult',
  'AdministrativeInformation',
  'Submitter',
] as const;
export type CountedElement = (typeof COUNTED_ELEMENTS)[number];

/** How many of each element kind a document holds (every kind listed, zero included). */
export function countElements(doc: StratmlDocument): Record<CountedElement, number> {
  const counts = Object.fromEntries(COUNTED_ELEMENTS.map((kind) => [kind, 0])) as Record<CountedElement, number>;
  const addStakeholders = (stakeholders: Stakeholder[]) => {
    counts.Stakeholder += stakeholders.length;
    for (const stakeholder of stakeholders) counts.Role += stakeholder.roles.length;
  };
  const addObjective = (objective: Objective) => {
    counts.Objective += 1;
    addStakeholders(objective.stakeholders);
    for (const indicator of objective.performanceIndicators) {
      counts.PerformanceIndicator += 1;
      counts.Relationship += indicator.relationships.length;
      for (const instance of indicator.measurementInstances) {
        counts.MeasurementInstance += 1;
        counts.TargetResult += instance.targetResults.length;
        counts.ActualResult += instance.actualResults.length;
      }
    }
  };
  counts.Organization = doc.organizations.length;
  for (const organization of doc.organizations) addStakeholders(organization.stakeholders);
  counts.Vision = doc.vision ? 1 : 0;
  counts.Mission = doc.mission ? 1 : 0;
  counts.Value = doc.values.length;
  counts.Goal = doc.goals.length;
  for (const goal of doc.goals) {
    addStakeholders(goal.stakeholders);
    goal.objectives.forEach(addObjective);
  }
  counts.AdministrativeInformation = doc.administrativeInformation ? 1 : 0;
  counts.Submitter = doc.submitter ? 1 : 0;
  return counts;
}

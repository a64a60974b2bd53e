// What the strategy pages show, worked out in code so the templates only lay it out.
import type { StoredGoal, StoredIndicator, StoredObjective, StoredPlan, StoredResult } from './plan-store.ts';
import { nestBySequence, sequenceAncestors, type SequenceNode } from './sequence-tree.ts';
import { numberFormat } from '../../platform/intl-formats.ts';

export const STRATEGY_PATH = '/strategy';
export const PLANS_PATH = '/strategy/plans';
export const IMPORT_PATH = '/strategy/plans/import';

const segment = encodeURIComponent;
export const planPath = (planId: string): string => `${PLANS_PATH}/${segment(planId)}`;
export const goalPath = (planId: string, goalId: string): string => `${planPath(planId)}/goals/${segment(goalId)}`;
export const objectivePath = (planId: string, objectiveId: string): string => `${planPath(planId)}/objectives/${segment(objectiveId)}`;
export const indicatorEditPath = (planId: string, indicatorId: string): string => `${planPath(planId)}/indicators/${segment(indicatorId)}/edit`;
export const newResultPath = (planId: string, indicatorId: string, kind: 'targets' | 'actuals'): string =>
  `${planPath(planId)}/indicators/${segment(indicatorId)}/${kind}/new`;
export const resultPath = (planId: string, resultId: string): string => `${planPath(planId)}/results/${segment(resultId)}`;
export const exportPath = (planId: string, part: 1 | 2): string => `${PLANS_PATH}/${segment(planId)}.xml?part=${part}`;

/** The paths templates build links with. */
export const paths = { plan: planPath, goal: goalPath, objective: objectivePath, indicatorEdit: indicatorEditPath, newResult: newResultPath, result: resultPath, export: exportPath };

/** A goal, objective or indicator as people refer to it: its number, then its name. */
export const numbered = (sequence: string, name: string): string => [sequence, name].filter((part) => part !== '').join(' ');

export interface Located {
  goal: StoredGoal;
  objective: StoredObjective;
}

export function findGoalIn(plan: StoredPlan, goalId: string): StoredGoal | undefined {
  return plan.goals.find((goal) => goal.id === goalId);
}

export function findObjectiveIn(plan: StoredPlan, objectiveId: string): Located | undefined {
  for (const goal of plan.goals) {
    const objective = goal.objectives.find((o) => o.id === objectiveId);
    if (objective) return { goal, objective };
  }
  return undefined;
}

export function findIndicatorIn(plan: StoredPlan, indicatorId: string): (Located & { indicator: StoredIndicator }) | undefined {
  for (const goal of plan.goals) {
    for (const objective of goal.objectives) {
      const indicator = objective.performanceIndicators.find((i) => i.id === indicatorId);
      if (indicator) return { goal, objective, indicator };
    }
  }
  return undefined;
}

/** A goal's objectives nested by their numbers: "1.5.1" under "1.5". */
export const objectiveTree = (goal: StoredGoal): Array<SequenceNode<StoredObjective>> => nestBySequence(goal.objectives);

/** The objectives an objective sits under by its number, outermost first, for breadcrumbs. */
export const objectiveAncestors = (goal: StoredGoal, objective: StoredObjective): StoredObjective[] => sequenceAncestors(goal.objectives, objective);

/** The objectives directly under this one by number. */
export function objectiveChildren(goal: StoredGoal, objective: StoredObjective): Array<SequenceNode<StoredObjective>> {
  const find = (nodes: Array<SequenceNode<StoredObjective>>): Array<SequenceNode<StoredObjective>> | undefined => {
    for (const node of nodes) {
      if (node.item === objective) return node.children;
      const below = find(node.children);
      if (below) return below;
    }
    return undefined;
  };
  return find(objectiveTree(goal)) ?? [];
}

export interface ResultView {
  id: string;
  kind: 'target' | 'actual';
  text: string;
  description: string;
}

export interface PeriodRow {
  startDate: string;
  endDate: string;
  targets: ResultView[];
  actuals: ResultView[];
}

/** A result as a phrase: its number in the reader's notation, and/or its descriptor as "name: value". */
export function resultText(result: Pick<StoredResult, 'numberOfUnits' | 'descriptor'>, lang: string): string {
  const parts: string[] = [];
  if (result.numberOfUnits !== null) parts.push(numberFormat(lang, 20).format(result.numberOfUnits));
  if (result.descriptor) parts.push([result.descriptor.name, result.descriptor.value].filter((p) => p !== '').join(': '));
  return parts.filter((p) => p !== '').join(' – ');
}

/**
 * An indicator's targets and actuals side by side, one row per period, earliest first; results
 * without dates come last. StratML groups them in measurement instances; people read them by period.
 */
export function periodRows(indicator: StoredIndicator, lang: string): PeriodRow[] {
  const rows = new Map<string, PeriodRow>();
  for (const instance of indicator.measurementInstances) {
    for (const result of [...instance.targetResults, ...instance.actualResults]) {
      const key = `${result.startDate}|${result.endDate}`;
      let row = rows.get(key);
      if (!row) {
        row = { startDate: result.startDate, endDate: result.endDate, targets: [], actuals: [] };
        rows.set(key, row);
      }
      const view = { id: result.id, kind: result.kind, text: resultText(result, lang), description: result.description };
      (result.kind === 'target' ? row.targets : row.actuals).push(view);
    }
  }
  // '~' sorts after every digit, so undated rows go last.
  const sortKey = (row: PeriodRow): string => `${row.startDate || '~'}|${row.endDate || '~'}`;
  return [...rows.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** How many indicators a plan has, for the page's summary. */
export const indicatorCount = (plan: StoredPlan): number =>
  plan.goals.reduce((sum, goal) => sum + goal.objectives.reduce((s, objective) => s + objective.performanceIndicators.length, 0), 0);

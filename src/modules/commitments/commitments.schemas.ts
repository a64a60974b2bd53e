import { Type } from 'typebox';

// Form fields are optional strings here: the services check them and name each problem in words,
// which a bare schema failure could not.

export const CommitmentParams = Type.Object({ ogpId: Type.String({ maxLength: 100 }) });

export const MilestoneParams = Type.Object({ ogpId: Type.String({ maxLength: 100 }), milestoneId: Type.String({ maxLength: 100 }) });

/** `done` names what was just saved, for the confirmation banner; anything unknown is ignored. */
export const CommitmentPageQuery = Type.Object({ done: Type.Optional(Type.String()) });

/** The chart's language, and the version of its data the page named (see progress-chart.ts). */
export const ProgressChartQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  v: Type.Optional(Type.String({ maxLength: 64 })),
});

/** `milestone` chooses the milestone an update starts out about. */
export const ProgressFormQuery = Type.Object({ milestone: Type.Optional(Type.String()) });

export const ProgressUpdateBody = Type.Object({
  status: Type.Optional(Type.String()),
  percent: Type.Optional(Type.String()),
  narrative: Type.Optional(Type.String()),
  evidence: Type.Optional(Type.String()),
  milestone: Type.Optional(Type.String()),
});

export const MilestoneBody = Type.Object({
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  startDate: Type.Optional(Type.String()),
  dueDate: Type.Optional(Type.String()),
  weight: Type.Optional(Type.String()),
  evidence: Type.Optional(Type.String()),
});

export const PlanParams = Type.Object({ ogpId: Type.String({ maxLength: 100 }) });

/** Ticked boxes: one value comes as a string and is made a list of one (coerceTypes 'array'). */
const ticked = Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 200 }));

export const CommitmentFormBody = Type.Object({
  title: Type.Optional(Type.String()),
  shortTitle: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
  problem: Type.Optional(Type.String()),
  statusQuo: Type.Optional(Type.String()),
  objective: Type.Optional(Type.String()),
  ambition: Type.Optional(Type.String()),
  fullText: Type.Optional(Type.String()),
  theme: Type.Optional(Type.String()),
  policyAreas: ticked,
  statedValues: ticked,
  lead: ticked,
  supporting: ticked,
  leadQuery: Type.Optional(Type.String()),
  supportingQuery: Type.Optional(Type.String()),
  startDate: Type.Optional(Type.String()),
  endDate: Type.Optional(Type.String()),
  carriedForwardFrom: Type.Optional(Type.String()),
  /** Set by a search button: look organisations up for that list and show the form again, saving nothing. */
  find: Type.Optional(Type.String()),
});

import { Type } from 'typebox';

// Form fields are optional strings here: the services check them and name each problem in words,
// which a bare schema failure could not.

export const PlanListQuery = Type.Object({ page: Type.Optional(Type.String()) });

export const PlanParams = Type.Object({ planId: Type.String() });
export const GoalParams = Type.Object({ planId: Type.String(), goalId: Type.String() });
export const ObjectiveParams = Type.Object({ planId: Type.String(), objectiveId: Type.String() });
export const IndicatorParams = Type.Object({ planId: Type.String(), indicatorId: Type.String() });
export const NewResultParams = Type.Object({ planId: Type.String(), indicatorId: Type.String(), kind: Type.Union([Type.Literal('targets'), Type.Literal('actuals')]) });
export const ResultParams = Type.Object({ planId: Type.String(), resultId: Type.String() });

export const ExportQuery = Type.Object({ part: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2')])) });

/** The upload form: the file arrives as a Buffer (multipart with attachFieldsToBody), checked by the handler. */
export const ImportBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  file: Type.Optional(Type.Unknown()),
});

export const EmptyBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

export const PlanFormBody = Type.Object({
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  vision: Type.Optional(Type.String()),
  mission: Type.Optional(Type.String()),
});

export const ElementFormBody = Type.Object({
  sequenceIndicator: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  otherInformation: Type.Optional(Type.String()),
});

export const IndicatorFormBody = Type.Object({
  sequenceIndicator: Type.Optional(Type.String()),
  measurementDimension: Type.Optional(Type.String()),
  unitOfMeasurement: Type.Optional(Type.String()),
  indicatorType: Type.Optional(Type.String()),
  valueChainStage: Type.Optional(Type.String()),
});

export const ResultFormBody = Type.Object({
  startDate: Type.Optional(Type.String()),
  endDate: Type.Optional(Type.String()),
  numberOfUnits: Type.Optional(Type.String()),
  descriptorName: Type.Optional(Type.String()),
  descriptorValue: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
});

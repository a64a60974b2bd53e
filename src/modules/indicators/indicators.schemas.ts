import { Type } from 'typebox';

// Query and form fields are optional strings: the services check them and name each problem in words,
// which a bare schema failure could not.

/** The periods every indicators page and download takes: a date range, shown as one period or by calendar year. */
export const PeriodQuery = Type.Object({
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  by: Type.Optional(Type.String()),
});

export const IndicatorPageQuery = Type.Object({
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  by: Type.Optional(Type.String()),
  done: Type.Optional(Type.String()),
});

/** Which period the record form opens on. */
export const ActualFormQuery = Type.Object({
  start: Type.Optional(Type.String()),
  end: Type.Optional(Type.String()),
});

export const IdentifierParams = Type.Object({ identifier: Type.String() });
export const ActualParams = Type.Object({ identifier: Type.String(), actualId: Type.String() });

export const ActualBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  startDate: Type.Optional(Type.String()),
  endDate: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  sourceUrl: Type.Optional(Type.String()),
});

export const EmptyBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

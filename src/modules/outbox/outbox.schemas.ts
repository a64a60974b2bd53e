import { Type } from 'typebox';

// An unknown status or page in the address bar shows everything from the first page rather than an error.
export const OutboxQuery = Type.Object({
  status: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
});

export const OutboxParams = Type.Object({
  id: Type.String(),
});

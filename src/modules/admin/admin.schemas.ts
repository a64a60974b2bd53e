import { Type } from 'typebox';

// Page numbers stay loose strings: a mistyped page in the address bar shows the first page, not an error.
export const UsersQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.String()),
});

// Ids are looked up as given: one that matches nothing is a 404, never a validation error.
export const UserParams = Type.Object({
  id: Type.String(),
});

export const UserQuery = Type.Object({
  /** Which change just succeeded, for the confirmation banner after a redirect; unknown values are ignored. */
  done: Type.Optional(Type.String()),
});

import { Type } from 'typebox';
import { FACET_NAMES } from './explorer.facets.ts';

// The page and its downloads read their whole state from the address. Every parameter may repeat (a
// checkbox per value); anything odd in it is ignored by readState rather than refused, so a link that
// was hand-edited or came from an older version still shows something.
const anyValues = Type.Optional(Type.Array(Type.String()));

export const ExplorerPageQuery = Type.Object({
  q: anyValues,
  sort: anyValues,
  page: anyValues,
  all: anyValues,
  allPage: anyValues,
  ...Object.fromEntries(FACET_NAMES.map((name) => [name, anyValues])),
});

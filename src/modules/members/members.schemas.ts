import { Type } from 'typebox';

// Form fields are optional strings here: the service checks them and names each problem in words.

export const MemberListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
});

export const MemberSlugParams = Type.Object({ slug: Type.String() });

export const MemberCreateBody = Type.Object({
  name: Type.Optional(Type.String()),
  memberType: Type.Optional(Type.String()),
  countryCode: Type.Optional(Type.String()),
  joinedYear: Type.Optional(Type.String()),
});

export const MemberEditBody = Type.Object({
  name: Type.Optional(Type.String()),
  countryCode: Type.Optional(Type.String()),
  joinedYear: Type.Optional(Type.String()),
});

import { Type } from 'typebox';

// Form fields are optional strings here: the service checks them and names each problem in words.

export const MemberListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
});

export const MemberSlugParams = Type.Object({ slug: Type.String() });

const editable = {
  name: Type.Optional(Type.String()),
  countryCode: Type.Optional(Type.String()),
  joinedYear: Type.Optional(Type.String()),
  joinedOn: Type.Optional(Type.String()),
  ogpCode: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  cohort: Type.Optional(Type.String()),
};

export const MemberCreateBody = Type.Object({ ...editable, memberType: Type.Optional(Type.String()) });

export const MemberEditBody = Type.Object(editable);

export const MemberStatusBody = Type.Object({
  status: Type.Optional(Type.String()),
  effectiveOn: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

export const LeadAgencyQuery = Type.Object({ q: Type.Optional(Type.String()) });

export const LeadAgencyBody = Type.Object({
  organisationId: Type.Optional(Type.String()),
  q: Type.Optional(Type.String()),
});

import { Type } from 'typebox';

// Form fields are optional strings here: the service checks them and names each problem in
// words, which a bare schema failure could not.

export const OrganisationListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
});

export const OrganisationSlugParams = Type.Object({ slug: Type.String() });

export const OrganisationGrantParams = Type.Object({ slug: Type.String(), grantId: Type.String() });

export const OrganisationFormBody = Type.Object({
  name: Type.Optional(Type.String()),
  orgType: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
  website: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
});

export const OrganisationPersonBody = Type.Object({ email: Type.Optional(Type.String()) });

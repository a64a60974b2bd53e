import { Type } from 'typebox';

export const UserRoleParams = Type.Object({
  id: Type.String(),
});

export const GrantParams = Type.Object({
  id: Type.String(),
  grantId: Type.String(),
});

// Every field is optional here: the service names what is missing in words fit for a select box.
export const GrantBody = Type.Object({
  role: Type.Optional(Type.String({ maxLength: 64 })),
  memberId: Type.Optional(Type.String({ maxLength: 64 })),
  organisationId: Type.Optional(Type.String({ maxLength: 64 })),
  _csrf: Type.Optional(Type.String()),
});

export const RevokeBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
});

import { type TSchema, Type } from 'typebox';
import { MEMBER_STATUSES, REGIONS } from '../commitments/commitment-status.ts';
import { MEMBER_TYPES } from '../members/member-types.ts';
import { ORGANISATION_TYPES } from '../organisations/organisation-types.ts';

export const API_MAX_PER_PAGE = 100;
export const API_DEFAULT_PER_PAGE = 25;

const oneOf = (values: readonly string[], description: string) =>
  Type.Union(values.map((value) => Type.Literal(value)), { description });

const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number, from 1.' })),
  perPage: Type.Optional(
    Type.Integer({ minimum: 1, maximum: API_MAX_PER_PAGE, default: API_DEFAULT_PER_PAGE, description: `Results per page, at most ${API_MAX_PER_PAGE}.` }),
  ),
};

const search = Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name, matched without regard to case.' }));

/** A list endpoint's query: part of the name, one of the registry's types, and paging. */
const listQuery = (types: readonly string[], plural: string) =>
  Type.Object({ q: search, type: Type.Optional(oneOf(types, `Only ${plural} of this type.`)), ...paging });

export type ListQuerySchema = ReturnType<typeof listQuery>;
export type ListQueryType = Type.Static<ListQuerySchema>;

export const OrganisationsQuery = listQuery(ORGANISATION_TYPES, 'organisations');
export const MembersQuery = listQuery(MEMBER_TYPES, 'members');

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200, description: 'The record\'s slug, as in its web address.' }) });

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// Response types are plain strings, not enums: a client must not break when a type is added.
export const OrganisationData = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  type: Type.String({ description: `One of: ${ORGANISATION_TYPES.join(', ')}.` }),
  country: Nullable(Type.String()),
  website: Nullable(Type.String()),
  description: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const MemberData = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  type: Type.String({ description: `One of: ${MEMBER_TYPES.join(', ')}.` }),
  ogpCode: Nullable(Type.String({ description: 'OGP\u2019s code: ISO 3166-1 alpha-3 for a national member (ALB), its own code for a local one (ARBA).' })),
  countryCode: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2 code.' })),
  region: Nullable(Type.String({ description: `One of: ${REGIONS.join(', ')}.` })),
  joinedYear: Nullable(Type.Integer()),
  cohort: Nullable(Type.String({ description: 'even or odd: the year group whose action plans fall due together.' })),
  status: Type.String({ description: `One of: ${MEMBER_STATUSES.join(', ')}.` }),
  createdAt: Type.String({ format: 'date-time' }),
});

const Meta = Type.Object({
  total: Type.Integer({ description: 'How many records match, on all pages.' }),
  page: Type.Integer(),
  perPage: Type.Integer(),
});

/** A list endpoint's answer: one page of records, with how many there are in all. */
export const listResponse = <T extends TSchema>(data: T, plural: string) =>
  Type.Object({ data: Type.Array(data), meta: Meta }, { description: `One page of matching ${plural}.` });

/** A by-slug endpoint's answer: the one record. */
export const oneResponse = <T extends TSchema>(data: T, singular: string) => Type.Object({ data }, { description: `The ${singular}.` });

export const ApiError = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'A stable code such as NOT_FOUND or VALIDATION_FAILED.' }),
      message: Type.String(),
      fields: Type.Record(Type.String(), Type.String(), { description: 'Parameter name to the problem with it.' }),
    }),
  },
  { description: 'The request could not be answered.' },
);

// The document is @fastify/swagger's to shape; this only lets it through whole.
export const OpenApiDocument = Type.Object({}, { additionalProperties: true });

export type OrganisationDataType = Type.Static<typeof OrganisationData>;
export type MemberDataType = Type.Static<typeof MemberData>;
export type MetaType = Type.Static<typeof Meta>;

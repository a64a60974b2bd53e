export const MEMBER_TYPES = ['national', 'local'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
export const isMemberType = (value: unknown): value is MemberType => typeof value === 'string' && (MEMBER_TYPES as readonly string[]).includes(value);

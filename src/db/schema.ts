// Table types shared by every repository. Timestamps are ISO-8601 UTC strings and booleans are 0/1
// integers, so both SQLite and PostgreSQL hand back the same shapes and one code path serves both.

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  email_verified_at: string | null;
  preferred_language: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

export interface EmailTokensTable {
  id: string;
  user_id: string;
  purpose: EmailTokenPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface MembersTable {
  id: string;
  slug: string;
  name: string;
  member_type: string;
  country_code: string | null;
  joined_year: number | null;
  created_at: string;
}

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  org_type: string;
  country: string | null;
  website: string | null;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  member_id: string | null;
  organisation_id: string | null;
  // member_id, organisation_id or '' — NULLs never collide in a UNIQUE index, this does.
  scope_key: string;
  granted_by: string | null;
  granted_at: string;
}

export interface AuditEventsTable {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  is_public: number;
}

export type MailStatus = 'stored' | 'queued' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  created_at: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  claimed_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  members: MembersTable;
  organisations: OrganisationsTable;
  role_grants: RoleGrantsTable;
  audit_events: AuditEventsTable;
  mail_outbox: MailOutboxTable;
  rate_limits: RateLimitsTable;
}

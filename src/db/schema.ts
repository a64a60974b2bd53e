import type { IrmField, MissingCode } from './irm-fields.ts';

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
  /** ISO 3166-1 alpha-3 for national members, OGP's own code (e.g. ARBA) for local ones. */
  ogp_code: string | null;
  region: string | null;
  /** 'even' or 'odd': the year group whose plans fall due together. */
  cohort: string | null;
  /** active, procedural_review, inactive or withdrawn; each change is in member_status_history. */
  status: string;
  joined_on: string | null;
}

export interface MemberLeadAgenciesTable {
  member_id: string;
  organisation_id: string;
}

export interface MemberStatusHistoryTable {
  id: string;
  member_id: string;
  status: string;
  effective_on: string;
  reason: string;
  recorded_by: string | null;
  recorded_at: string;
}

/** drafting, consultation, submitted, implementation or completed. */
export interface ActionPlansTable {
  id: string;
  member_id: string;
  /** OGP's id, e.g. AP_ALB01. */
  ogp_id: string;
  number: number;
  title: string;
  start_date: string | null;
  end_date: string | null;
  due_date: string | null;
  submitted_on: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

/** A government's self-assessment of a plan; kind 'mid_term' or 'end_of_term', one of each per plan. */
export interface SelfAssessmentsTable {
  id: string;
  plan_id: string;
  kind: string;
  body: string;
  document_url: string | null;
  /** ISO dates, both inclusive: the public comment period. */
  comments_open_on: string;
  comments_close_on: string;
  published_by: string | null;
  published_at: string;
  updated_at: string;
}

export interface SelfAssessmentCommentsTable {
  id: string;
  self_assessment_id: string;
  author_id: string | null;
  body: string;
  created_at: string;
}

export interface CommitmentsTable {
  id: string;
  /** OGP's id, e.g. AL0002. */
  ogp_id: string;
  plan_id: string;
  /** The plan's member, copied so the explorer filters without a join. */
  member_id: string;
  number: string;
  title: string;
  short_title: string;
  full_text: string;
  problem: string;
  status_quo: string;
  objective: string;
  ambition: string;
  theme: string;
  start_date: string | null;
  end_date: string | null;
  carried_forward_from_id: string | null;
  stated_access_to_information: number | null;
  stated_civic_participation: number | null;
  stated_public_accountability: number | null;
  stated_technology_innovation: number | null;
  implementation_status: string;
  progress_percent: number | null;
  /** 'ogp_sheet', 'us_tracker' or 'platform'. */
  source: string;
  source_url: string | null;
  /** Every column of the imported sheet row as read (a JSON object), so export loses nothing. */
  sheet_row_json: string | null;
  created_at: string;
  updated_at: string;
}

/** vocabulary 'policy_area' (the sheet's 0/1 columns, tag = column name) or 'theme'. */
export interface CommitmentTagsTable {
  commitment_id: string;
  vocabulary: string;
  tag: string;
}

/** role 'lead' or 'supporting'. */
export interface CommitmentInstitutionsTable {
  commitment_id: string;
  organisation_id: string;
  role: string;
  position: number;
}

type IrmColumns = { [F in IrmField]: string | null } & { [F in IrmField as `${F}_missing`]: MissingCode | null };

export type IrmAssessmentsTable = IrmColumns & {
  commitment_id: string;
  progress_report_year: number | null;
  end_of_term_report_year: number | null;
  updated_at: string;
};

/** formula '2015' or 'current'; report 'progress' or 'end_of_term'; either starred (0/1) or missing is set. */
export interface CommitmentStarsTable {
  commitment_id: string;
  formula: string;
  report: string;
  starred: number | null;
  missing: MissingCode | null;
}

export interface MilestonesTable {
  id: string;
  commitment_id: string;
  position: number;
  ogp_id: string | null;
  title: string;
  description: string;
  start_date: string | null;
  due_date: string | null;
  status: string;
  percent_complete: number;
  weight: number;
  /** JSON array of URLs. */
  evidence_links: string;
  created_at: string;
  updated_at: string;
}

/** source 'platform' (a point of contact's update) or 'import'. */
export interface ProgressUpdatesTable {
  id: string;
  commitment_id: string;
  milestone_id: string | null;
  author_id: string | null;
  status: string;
  percent_complete: number;
  narrative: string;
  /** JSON array of URLs. */
  evidence_links: string;
  reported_on: string;
  source: string;
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

/** A StratML plan (Part 1 or 2). Text the file leaves out is ''; has_* (0/1) says whether an optional element exists. */
export interface StrategyPlansTable {
  id: string;
  part: number;
  plan_type: string | null;
  name: string;
  description: string;
  other_information: string;
  has_vision: number;
  vision_description: string;
  vision_identifier: string;
  has_mission: number;
  mission_description: string;
  mission_identifier: string;
  has_administrative_information: number;
  admin_identifier: string;
  admin_start_date: string;
  admin_end_date: string;
  admin_publication_date: string;
  admin_source: string;
  has_submitter: number;
  submitter_identifier: string;
  submitter_given_name: string;
  submitter_surname: string;
  submitter_phone_number: string;
  submitter_email_address: string;
  /** The file name the plan was imported from. */
  source: string;
  /** JSON: what the import read and ignored. */
  import_report: string;
  /** 1 for the platform's own plan; at most one row has it. */
  is_default: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Columns every row below a plan has: its plan and its place among its siblings. */
interface StrategyPlanChild {
  id: string;
  plan_id: string;
  position: number;
}

export interface StrategyOrganizationsTable extends StrategyPlanChild {
  name: string;
  acronym: string;
  identifier: string;
  description: string;
}

export interface StrategyValuesTable extends StrategyPlanChild {
  name: string;
  description: string;
}

export interface StrategyGoalsTable extends StrategyPlanChild {
  name: string;
  description: string;
  identifier: string;
  sequence_indicator: string;
  other_information: string;
}

export interface StrategyObjectivesTable extends StrategyGoalsTable {
  goal_id: string;
}

/** Exactly one of organization_id, goal_id and objective_id is set. */
export interface StrategyStakeholdersTable extends StrategyPlanChild {
  organization_id: string | null;
  goal_id: string | null;
  objective_id: string | null;
  name: string;
  description: string;
  stakeholder_type: string | null;
}

export interface StrategyStakeholderRolesTable extends StrategyPlanChild {
  stakeholder_id: string;
  name: string;
  description: string;
  /** Performer and/or Beneficiary, space-separated, in the file's order. */
  role_types: string;
}

export interface StrategyIndicatorsTable extends StrategyPlanChild {
  objective_id: string;
  identifier: string;
  sequence_indicator: string;
  measurement_dimension: string;
  unit_of_measurement: string;
  value_chain_stage: string | null;
  indicator_type: string | null;
  other_information: string;
}

export interface StrategyRelationshipsTable extends StrategyPlanChild {
  indicator_id: string;
  identifier: string;
  name: string;
  description: string;
  relationship_type: string | null;
}

export interface StrategyRelationshipReferentsTable extends StrategyPlanChild {
  relationship_id: string;
  referent_identifier: string;
}

export interface StrategyMeasurementInstancesTable extends StrategyPlanChild {
  indicator_id: string;
}

export type StrategyResultKind = 'target' | 'actual';

export interface StrategyResultsTable extends StrategyPlanChild {
  instance_id: string;
  indicator_id: string;
  kind: StrategyResultKind;
  start_date: string;
  end_date: string;
  number_of_units: number | null;
  /** Both null when the result has no Descriptor. */
  descriptor_name: string | null;
  descriptor_value: string | null;
  description: string;
}

/** A performance indicator's actual for one period, recorded by hand because its data lives outside the platform. */
export interface IndicatorActualsTable {
  id: string;
  /** The indicator's StratML Identifier, e.g. ogp-indicator-1-4-1. */
  indicator_identifier: string;
  start_date: string;
  end_date: string;
  value: number;
  note: string;
  source_url: string | null;
  recorded_by: string | null;
  recorded_at: string;
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
  member_lead_agencies: MemberLeadAgenciesTable;
  member_status_history: MemberStatusHistoryTable;
  action_plans: ActionPlansTable;
  commitments: CommitmentsTable;
  commitment_tags: CommitmentTagsTable;
  commitment_institutions: CommitmentInstitutionsTable;
  irm_assessments: IrmAssessmentsTable;
  commitment_stars: CommitmentStarsTable;
  milestones: MilestonesTable;
  progress_updates: ProgressUpdatesTable;
  self_assessments: SelfAssessmentsTable;
  self_assessment_comments: SelfAssessmentCommentsTable;
  strategy_plans: StrategyPlansTable;
  strategy_organizations: StrategyOrganizationsTable;
  strategy_values: StrategyValuesTable;
  strategy_goals: StrategyGoalsTable;
  strategy_objectives: StrategyObjectivesTable;
  strategy_stakeholders: StrategyStakeholdersTable;
  strategy_stakeholder_roles: StrategyStakeholderRolesTable;
  strategy_indicators: StrategyIndicatorsTable;
  strategy_relationships: StrategyRelationshipsTable;
  strategy_relationship_referents: StrategyRelationshipReferentsTable;
  strategy_measurement_instances: StrategyMeasurementInstancesTable;
  strategy_results: StrategyResultsTable;
  indicator_actuals: IndicatorActualsTable;
}

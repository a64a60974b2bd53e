/**
 * A StratML document in memory: what the parser produces, the database stores and the serializer
 * writes. It follows Part 2 (PerformancePlanOrReport v2.2.6); a Part 1 plan (ISO 17469-1
 * StrategicPlan) is the same shape without a Type, performance indicators, stakeholder roles or
 * identifiers on AdministrativeInformation and Submitter (see parts.ts).
 *
 * Text that a file leaves out or leaves empty is ''. Identifiers are the file's own StratML
 * Identifier values ('' when the file has none; the store assigns one). They are never derived
 * from SequenceIndicator, which real plans reuse across kinds (the OGP seed numbers both an
 * objective and an indicator "4.5.1").
 */

export type StratmlPart = 1 | 2;
export const PLAN_TYPES = ['Strategic_Plan', 'Performance_Plan', 'Performance_Report'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];
export const STAKEHOLDER_TYPES = ['Person', 'Organization', 'Generic_Group'] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];
export const ROLE_TYPES = ['Performer', 'Beneficiary'] as const;
export type RoleType = (typeof ROLE_TYPES)[number];
export const VALUE_CHAIN_STAGES = ['Input', 'Input_Processing', 'Output', 'Output_Processing', 'Outcome'] as const;
export type ValueChainStage = (typeof VALUE_CHAIN_STAGES)[number];
export const INDICATOR_TYPES = ['Quantitative', 'Qualitative'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const RELATIONSHIP_TYPES = ['Broader_Than', 'Peer_To', 'Narrower_Than'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export interface StratmlDocument {
  part: StratmlPart;
  /** Part 2 only; null for Part 1. */
  type: PlanType | null;
  name: string;
  description: string;
  otherInformation: string;
  organizations: Organization[];
  vision: Statement | null;
  mission: Statement | null;
  values: Value[];
  goals: Goal[];
  administrativeInformation: AdministrativeInformation | null;
  submitter: Contact | null;
}

export interface Statement {
  description: string;
  identifier: string;
}

export interface Organization {
  name: string;
  acronym: string;
  identifier: string;
  description: string;
  stakeholders: Stakeholder[];
}

export interface Value {
  name: string;
  description: string;
}

export interface Stakeholder {
  name: string;
  description: string;
  type: StakeholderType | null;
  roles: Role[];
}

export interface Role {
  name: string;
  description: string;
  /** At most two: Performer and/or Beneficiary. */
  roleTypes: RoleType[];
}

export interface Goal {
  name: string;
  description: string;
  identifier: string;
  /** e.g. "1"; shown to people, never used as an identifier. */
  sequenceIndicator: string;
  stakeholders: Stakeholder[];
  otherInformation: string;
  objectives: Objective[];
}

export interface Objective {
  name: string;
  description: string;
  identifier: string;
  /** e.g. "1.5.1", which pages nest under objective "1.5". */
  sequenceIndicator: string;
  stakeholders: Stakeholder[];
  otherInformation: string;
  /** Always empty in a Part 1 plan. */
  performanceIndicators: PerformanceIndicator[];
}

export interface PerformanceIndicator {
  sequenceIndicator: string;
  measurementDimension: string;
  unitOfMeasurement: string;
  identifier: string;
  valueChainStage: ValueChainStage | null;
  indicatorType: IndicatorType | null;
  relationships: Relationship[];
  measurementInstances: MeasurementInstance[];
  otherInformation: string;
}

export interface Relationship {
  identifier: string;
  referentIdentifiers: string[];
  name: string;
  description: string;
  relationshipType: RelationshipType | null;
}

export interface MeasurementInstance {
  targetResults: Result[];
  actualResults: Result[];
}

/** A target or an actual for one period: a number of units, or a descriptor name/value pair, or both. */
export interface Result {
  /** ISO date (YYYY-MM-DD) or ''. */
  startDate: string;
  endDate: string;
  numberOfUnits: number | null;
  descriptor: Descriptor | null;
  description: string;
}

export interface Descriptor {
  name: string;
  value: string;
}

export interface AdministrativeInformation {
  identifier: string;
  startDate: string;
  endDate: string;
  publicationDate: string;
  source: string;
}

export interface Contact {
  identifier: string;
  givenName: string;
  surname: string;
  phoneNumber: string;
  emailAddress: string;
}

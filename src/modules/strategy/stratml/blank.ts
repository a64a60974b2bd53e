/**
 * Empty model objects, every field at its "not given" value ('' or null or []): what the reader starts
 * from before it fills in what a file says, and what code building a plan by hand starts from.
 */
import type {
  AdministrativeInformation,
  Contact,
  Goal,
  Objective,
  Organization,
  PerformanceIndicator,
  Relationship,
  Result,
  Role,
  Stakeholder,
  StratmlDocument,
  StratmlPart,
} from './model.ts';

export const blankDocument = (part: StratmlPart): StratmlDocument => ({
  part,
  type: null,
  name: '',
  description: '',
  otherInformation: '',
  organizations: [],
  vision: null,
  mission: null,
  values: [],
  goals: [],
  administrativeInformation: null,
  submitter: null,
});

export const blankOrganization = (): Organization => ({ name: '', acronym: '', identifier: '', description: '', stakeholders: [] });

export const blankStakeholder = (): Stakeholder => ({ name: '', description: '', type: null, roles: [] });

export const blankRole = (): Role => ({ name: '', description: '', roleTypes: [] });

export const blankGoal = (): Goal => ({
  name: '',
  description: '',
  identifier: '',
  sequenceIndicator: '',
  stakeholders: [],
  otherInformation: '',
  objectives: [],
});

export const blankObjective = (): Objective => ({
  name: '',
  description: '',
  identifier: '',
  sequenceIndicator: '',
  stakeholders: [],
  otherInformation: '',
  performanceIndicators: [],
});

export const blankIndicator = (): PerformanceIndicator => ({
  sequenceIndicator: '',
  measurementDimension: '',
  unitOfMeasurement: '',
  identifier: '',
  valueChainStage: null,
  indicatorType: null,
  relationships: [],
  measurementInstances: [],
  otherInformation: '',
});

export const blankRelationship = (): Relationship => ({ identifier: '', referentIdentifiers: [], name: '', description: '', relationshipType: null });

export const blankResult = (): Result => ({ startDate: '', endDate: '', numberOfUnits: null, descriptor: null, description: '' });

export const blankAdministrativeInformation = (): AdministrativeInformation => ({ identifier: '', startDate: '', endDate: '', publicationDate: '', source: '' });

export const blankContact = (): Contact => ({ identifier: '', givenName: '', surname: '', phoneNumber: '', emailAddress: '' });

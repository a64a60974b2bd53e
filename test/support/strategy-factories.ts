// Strategic plans for tests: the real sample files, a small hand-written plan, and row counts of every strategy table.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { importPlan, type ImportOutcome } from '../../src/modules/strategy/strategy.service.ts';
import type { StratmlDocument } from '../../src/modules/strategy/stratml/model.ts';
import { STRATML_SAMPLES_DIR } from '../../src/modules/strategy/stratml/reference-files.ts';
import { countRows } from './records.ts';

export const STRATEGY_TABLES = [
  'strategy_plans',
  'strategy_organizations',
  'strategy_values',
  'strategy_goals',
  'strategy_objectives',
  'strategy_stakeholders',
  'strategy_stakeholder_roles',
  'strategy_indicators',
  'strategy_relationships',
  'strategy_relationship_referents',
  'strategy_measurement_instances',
  'strategy_results',
] as const satisfies ReadonlyArray<keyof Database>;

/** Rows in every strategy table and the audit log: a refused import must leave all of them as they were. */
export async function strategyRowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...STRATEGY_TABLES, 'audit_events'] as const) counts[table] = await countRows(db, table);
  return counts;
}

export interface Sample {
  name: string;
  file: string;
}

/** Every sample file, by name. */
export function sampleFiles(): Sample[] {
  return fs
    .readdirSync(STRATML_SAMPLES_DIR)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => ({ name, file: path.join(STRATML_SAMPLES_DIR, name) }));
}

/** Files that are not well-formed XML (PROVENANCE.md names them so). */
export const isMalformedSample = (sample: Sample): boolean => sample.name.includes('MALFORMED');

export const samplePath = (name: string): string => path.join(STRATML_SAMPLES_DIR, name);

/** Imports a sample through the real service, by the platform (no actor). */
export function importSample(db: Db, name: string, options: { makeDefault?: boolean } = {}): Promise<ImportOutcome> {
  return importPlan({ db }, null, fs.readFileSync(samplePath(name)), { source: name, makeDefault: options.makeDefault ? 'replace' : undefined });
}

/**
 * A small Part 2 plan with a bit of everything: nested objective numbers, a number reused by an
 * objective and an indicator, stakeholders with roles on each level, targets and actuals as numbers
 * and as descriptors, and an empty descriptor, which is not the same as none.
 */
export function sampleDocument(): StratmlDocument {
  const stakeholder = (name: string) => ({
    name,
    description: `${name} described`,
    type: 'Organization' as const,
    roles: [{ name: 'Lead', description: '', roleTypes: ['Beneficiary' as const, 'Performer' as const] }],
  });
  return {
    part: 2,
    type: 'Performance_Plan',
    name: 'Test Strategy 2030',
    description: 'A plan written for the tests.',
    otherInformation: '',
    organizations: [{ name: 'Test Partnership', acronym: 'TP', identifier: 'org1', description: 'Who we are', stakeholders: [stakeholder('Members')] }],
    vision: { description: 'Open government everywhere.', identifier: 'vision1' },
    mission: null,
    values: [
      { name: 'Openness', description: 'We publish.' },
      { name: 'Participation', description: '' },
    ],
    goals: [
      {
        name: 'Build support',
        description: 'First goal',
        identifier: 'goal1',
        sequenceIndicator: '1',
        stakeholders: [stakeholder('Reformers')],
        otherInformation: 'Goal note',
        objectives: [
          { name: 'Grow', description: '', identifier: 'obj15', sequenceIndicator: '1.5', stakeholders: [], otherInformation: '', performanceIndicators: [] },
          {
            name: 'Grow in Africa',
            description: 'A sub-objective',
            identifier: 'obj151',
            sequenceIndicator: '1.5.1',
            stakeholders: [stakeholder('Civil society')],
            otherInformation: '',
            performanceIndicators: [
              {
                sequenceIndicator: '1.5.1',
                measurementDimension: 'Countries with an action plan',
                unitOfMeasurement: 'Countries',
                identifier: 'pi151',
                valueChainStage: 'Outcome',
                indicatorType: 'Quantitative',
                relationships: [{ identifier: 'rel1', referentIdentifiers: ['obj15', 'goal1'], name: 'Supports', description: '', relationshipType: 'Narrower_Than' }],
                measurementInstances: [
                  {
                    targetResults: [{ startDate: '2016-01-01', endDate: '2016-12-31', numberOfUnits: 1234567.89, descriptor: null, description: 'Target 2016' }],
                    actualResults: [{ startDate: '2016-01-01', endDate: '2016-12-31', numberOfUnits: 12, descriptor: null, description: '' }],
                  },
                  {
                    targetResults: [{ startDate: '2017-01-01', endDate: '2017-12-31', numberOfUnits: null, descriptor: { name: 'Status', value: 'Achieved' }, description: '' }],
                    actualResults: [{ startDate: '2017-01-01', endDate: '2017-12-31', numberOfUnits: null, descriptor: { name: '', value: '' }, description: 'Empty descriptor' }],
                  },
                ],
                otherInformation: '',
              },
            ],
          },
        ],
      },
      { name: 'Deliver', description: '', identifier: 'goal2', sequenceIndicator: '2', stakeholders: [], otherInformation: '', objectives: [] },
    ],
    administrativeInformation: { identifier: 'admin1', startDate: '2026-01-01', endDate: '2030-12-31', publicationDate: '2025-11-01', source: 'https://example.org/plan' },
    submitter: { identifier: 'sub1', givenName: 'Ada', surname: 'Lovelace', phoneNumber: '', emailAddress: 'ada@example.org' },
  };
}

export interface MultipartFile {
  field: string;
  filename: string;
  content: string;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it: the fields first (the CSRF token among them), then the file. */
export function multipartBody(fields: Record<string, string>, files?: MultipartFile | MultipartFile[]): { body: string; contentType: string } {
  const boundary = '----ogpTestBoundary7MA4YWxkTrZu0gW';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  for (const file of files === undefined ? [] : Array.isArray(files) ? files : [files]) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.contentType ?? 'application/xml'}\r\n\r\n${file.content}\r\n`,
    );
  }
  return { body: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

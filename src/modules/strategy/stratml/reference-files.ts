import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/**
 * The official StratML schemas and the real sample files, kept beside the project (like the seed's
 * data) rather than inside it. STRATML_DATA_DIR points elsewhere when the checkout is laid out differently.
 */
export const STRATML_DATA_DIR = process.env.STRATML_DATA_DIR ?? path.resolve(projectRoot, '..', 'shared', 'data', 'stratml');
export const STRATML_SAMPLES_DIR = path.join(STRATML_DATA_DIR, 'samples');
/** ISO 17469-1 (Part 1), 2014-04-01. */
export const PART1_XSD = path.join(STRATML_DATA_DIR, 'xsd', 'StrategicPlanISOVersion20140401.xsd');
/** Part 2, PerformancePlanOrReport v2.2.6, 2016-02-16. */
export const PART2_XSD = path.join(STRATML_DATA_DIR, 'xsd', 'PerformancePlanOrReport20160216.xsd');

/** Samples that are deliberately not readable plans (PROVENANCE.md says why). */
export const MALFORMED_SAMPLES = [
  'p1-nonstandard-ns-SampleSportsRecreationCenter-MALFORMED.xml',
  'p2-plan-ModelPerformancePlanInternationalAssistance-MALFORMED.xml',
] as const;

/** The sample files that read as plans, by file name: every well-formed one, the "StratML 3.5" proposal included. */
export function readablePlanSamples(): string[] {
  const unreadable = new Set<string>(MALFORMED_SAMPLES);
  return fs
    .readdirSync(STRATML_SAMPLES_DIR)
    .filter((name) => name.endsWith('.xml') && !unreadable.has(name))
    .sort();
}

/** The namespaces StratML files use. Exports always use the ISO ones; the reader also accepts the older ones. */
export const PART1_NAMESPACE = 'urn:ISO:std:iso:17469:tech:xsd:stratml_core';
export const PART2_NAMESPACE = 'urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport';
/** ANSI/AIIM 21:2009 Part 1 and the v2.1 (2010) Part 2, before ISO. */
export const LEGACY_PART1_NAMESPACE = 'http://www.stratml.net';
export const LEGACY_PART2_NAMESPACE = 'http://www.stratml.net/PerformancePlanOrReport';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Namespaces whose elements are read as StratML; '' is for files without any namespace. */
export const STRATML_NAMESPACES: ReadonlySet<string> = new Set([
  PART1_NAMESPACE,
  PART2_NAMESPACE,
  LEGACY_PART1_NAMESPACE,
  LEGACY_PART2_NAMESPACE,
  '',
]);

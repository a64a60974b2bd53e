/** The namespaces StratML files use. Exports always use the ISO ones; the reader also accepts the older ones. */
export const PART1_NAMESPACE = 'urn:ISO:std:iso:17469:tech:xsd:stratml_core';
export const PART2_NAMESPACE = 'urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport';
/** ANSI/AIIM 21:2009 Part 1 and the v2.1 (2010) Part 2, before ISO. */
export const LEGACY_PART1_NAMESPACE = 'http://www.stratml.net';
export const LEGACY_PART2_NAMESPACE = 'http://www.stratml.net/PerformancePlanOrReport';
/**
 * The "StratML 3.5" proposal (StratML.NET, 2017), another vocabulary under the root
 * OrganizationalStrategyDocument. Its own reader maps it onto Part 2; it is not one of STRATML_NAMESPACES,
 * so a Part 1 or Part 2 plan does not read its elements.
 */
export const STRATML35_NAMESPACE = 'http://schemas.stratml.us/3.5';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Namespaces whose elements are read as StratML; '' is for files without any namespace. */
export const STRATML_NAMESPACES: ReadonlySet<string> = new Set([
  PART1_NAMESPACE,
  PART2_NAMESPACE,
  LEGACY_PART1_NAMESPACE,
  LEGACY_PART2_NAMESPACE,
  '',
]);

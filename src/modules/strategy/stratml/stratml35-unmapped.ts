/** What the StratML 3.5 reader reports, rather than keeps, because Part 2 has no place for it. */

export const NO_PART2_EQUIVALENT = 'no equivalent in StratML Part 2; ignored';

/** What any 3.5 element may carry beyond its name, description and identifier: links, weights and workflow state. */
export const LINK_AND_STATE_ELEMENTS = ['Map', 'Status', 'Extends', 'Clear'] as const;

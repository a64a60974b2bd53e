/**
 * The outline of the seed text the default plan is written from (goals, objectives, indicators,
 * values and the stakeholders each section names), so the tests can hold the StratML file to its
 * source. The seed is StratML rendered as plain text: headings such as "Objective 1.5.1: Name" followed
 * by their description, and "Stakeholder(s):" or "Values" blocks where short lines are names and long
 * lines describe the name before them.
 */
import path from 'node:path';

/** Kept beside the project, like the other shared data (see ../shared/README.md). */
export const STRATEGY_SEED_FILE = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'seed', 'ogp-four-year-strategy-2015-2018.txt');

export interface SeedHeading {
  sequence: string;
  name: string;
  /** The first non-blank line after the heading. */
  description: string;
}

export interface SeedIndicator {
  sequence: string;
  text: string;
}

/** Where a stakeholder is named: 'organization', 'goal 2' or 'objective 1.5.1'. */
export interface SeedStakeholder {
  scope: string;
  name: string;
}

export interface SeedOutline {
  goals: SeedHeading[];
  objectives: SeedHeading[];
  indicators: SeedIndicator[];
  /** In the seed's order, repeats included ("Innovation", "Engagement" and "Reporting" appear twice). */
  values: string[];
  stakeholders: SeedStakeholder[];
}

const GOAL_HEADING = /^Goal (\d+): (.+)$/;
const OBJECTIVE_HEADING = /^Objective (\d+(?:\.\d+)+): (.+)$/;
// Indicators are run together in "Other Information" paragraphs: each ends where the next begins.
const INDICATOR = /Performance Indicator (\d+\.\d+\.\d+) - (.+?)(?=\s+Performance Indicator \d|\n|$)/g;
// Names are short; the descriptions between them are sentences.
const NAME_MAX_LENGTH = 60;

function isName(line: string): boolean {
  return line.length > 0 && line.length <= NAME_MAX_LENGTH && !/[.:]$/.test(line);
}

function nextNonBlank(lines: string[], from: number): string {
  return lines.slice(from).find((line) => line !== '') ?? '';
}

/** The lines of the block starting at `from`: leading blanks skipped, up to the next blank line. */
function block(lines: string[], from: number): string[] {
  let start = from;
  while (start < lines.length && lines[start] === '') start += 1;
  const end = lines.findIndex((line, i) => i >= start && line === '');
  return lines.slice(start, end === -1 ? lines.length : end);
}

export function readSeedOutline(text: string): SeedOutline {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const outline: SeedOutline = { goals: [], objectives: [], indicators: [], values: [], stakeholders: [] };
  let scope = 'organization';

  lines.forEach((line, i) => {
    const goal = GOAL_HEADING.exec(line);
    const objective = OBJECTIVE_HEADING.exec(line);
    if (goal) {
      outline.goals.push({ sequence: goal[1]!, name: goal[2]!, description: nextNonBlank(lines, i + 1) });
      scope = `goal ${goal[1]}`;
    } else if (objective) {
      outline.objectives.push({ sequence: objective[1]!, name: objective[2]!, description: nextNonBlank(lines, i + 1) });
      scope = `objective ${objective[1]}`;
    } else if (line === 'Stakeholder(s):') {
      for (const name of block(lines, i + 1).filter(isName)) outline.stakeholders.push({ scope, name });
    }
  });

  const valuesStart = lines.indexOf('Values');
  const valuesEnd = lines.indexOf('Goals');
  if (valuesStart !== -1 && valuesEnd > valuesStart) outline.values = lines.slice(valuesStart + 1, valuesEnd).filter(isName);

  for (const match of text.matchAll(INDICATOR)) outline.indicators.push({ sequence: match[1]!, text: match[2]!.trim() });
  return outline;
}

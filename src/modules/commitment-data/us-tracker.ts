import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ImplementationStatus } from '../commitments/commitment-status.ts';
import { htmlToText } from './html-text.ts';

// The United States' tracker of its fifth national action plan (open.usa.gov, a Jekyll site): one
// Markdown file per commitment in _commitments/ and one per sub-commitment in _subcommitments/, each
// with YAML front matter. Sub-commitments become milestones; their progress texts, progress updates.

export const US_PLAN = { ogpId: 'AP_USA05', number: 5, submittedYear: 2022, endYear: 2024 } as const;
export const US_MEMBER = { code: 'USA', name: 'United States', region: 'Americas' } as const;
/** The tracker's progress texts are as of its August 2023 update. */
export const US_PROGRESS_DATE = '2023-08-01';
const SITE = 'https://open.usa.gov';

export interface TrackerMilestone {
  /** US0113.1 */
  ogpId: string;
  position: number;
  text: string;
  agencies: string[];
  status: ImplementationStatus;
  percent: number;
  narrative: string;
  links: string[];
}

export interface TrackerCommitment {
  ogpId: string;
  title: string;
  theme: string;
  text: string;
  url: string;
  milestones: TrackerMilestone[];
}

/** The tracker cannot be read; the message names the file and what is wrong with it. */
export class TrackerDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrackerDataError';
  }
}

// "In Progress" gives no percentage: it counts as limited progress at 0 %, so nothing is overstated.
const STATUSES: Readonly<Record<string, { status: ImplementationStatus; percent: number }>> = {
  complete: { status: 'complete', percent: 100 },
  'in progress': { status: 'limited', percent: 0 },
  'not started': { status: 'not_started', percent: 0 },
};

/**
 * Jekyll reads double-quoted values that run over several unindented lines; YAML proper wants those
 * lines indented. They are indented here, so the strict parser reads what Jekyll reads.
 */
function indentQuotedContinuations(frontMatter: string): string {
  let open = false;
  const quotes = (text: string): number => (text.match(/(?<!\\)"/g) ?? []).length;
  return frontMatter
    .split(/\r?\n/)
    .map((line) => {
      if (open) {
        if (quotes(line) % 2 === 1) open = false;
        return `  ${line}`;
      }
      const value = /^[A-Za-z0-9_]+:\s*"(.*)$/.exec(line)?.[1];
      if (value !== undefined && quotes(value) % 2 === 0) open = true;
      return line;
    })
    .join('\n');
}

interface Page {
  file: string;
  data: Record<string, unknown>;
  body: string;
}

function readPage(file: string): Page {
  const text = fs.readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n([\s\S]*))?$/.exec(text);
  if (!match) throw new TrackerDataError(`${file} has no front matter.`);
  let data: unknown;
  try {
    data = YAML.parse(indentQuotedContinuations(match[1]!));
  } catch (error) {
    throw new TrackerDataError(`${file}: the front matter is not readable YAML (${(error as Error).message.split('\n')[0]}).`);
  }
  if (!data || typeof data !== 'object') throw new TrackerDataError(`${file}: the front matter is empty.`);
  return { file, data: data as Record<string, unknown>, body: match[2] ?? '' };
}

function field(page: Page, key: string): string {
  const value = page.data[key];
  if (typeof value !== 'string' && typeof value !== 'number') throw new TrackerDataError(`${page.file} lacks "${key}".`);
  return String(value).trim();
}

const optional = (page: Page, key: string): string => (typeof page.data[key] === 'string' ? (page.data[key] as string).trim() : '');

function pages(dir: string): Page[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.md'));
  } catch (error) {
    throw new TrackerDataError(`Cannot read ${dir}: ${(error as Error).message}`);
  }
  return names.sort().map((name) => readPage(path.join(dir, name)));
}

function readMilestone(page: Page): TrackerMilestone & { commitmentId: string } {
  const ogpId = field(page, 'commitment_detail_sub_id').toUpperCase();
  const match = /^(US\d{4})\.(\d+)$/.exec(ogpId);
  if (!match) throw new TrackerDataError(`${page.file}: "${ogpId}" is not a sub-commitment id such as US0113.1.`);
  const statusText = field(page, 'commitment_status');
  const status = STATUSES[statusText.toLowerCase()];
  if (!status) throw new TrackerDataError(`${page.file}: unknown status "${statusText}".`);
  const progress = htmlToText(optional(page, 'aug_2023_progress'));
  const later = htmlToText(page.body);
  return {
    commitmentId: match[1]!,
    ogpId,
    position: Number(match[2]),
    text: htmlToText(field(page, 'commitment_detail_sub')).text,
    agencies: field(page, 'commitment_agency')
      .split(/<br\s*\/?>/i)
      .map((a) => a.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    ...status,
    // The August 2023 text, then the page's own later "Progress Update" text.
    narrative: [progress.text, later.text].filter(Boolean).join('\n\n'),
    links: [...new Set([...progress.links, ...later.links])],
  };
}

/** Every commitment of the tracker with its milestones, in id order. */
export function readUsTracker(dir: string): TrackerCommitment[] {
  const commitments = new Map<string, TrackerCommitment>();
  for (const page of pages(path.join(dir, '_commitments'))) {
    const ogpId = field(page, 'commitment_id').toUpperCase();
    if (!/^US\d{4}$/.test(ogpId)) throw new TrackerDataError(`${page.file}: "${ogpId}" is not a commitment id such as US0113.`);
    commitments.set(ogpId, {
      ogpId,
      title: field(page, 'title'),
      theme: optional(page, 'commitment_theme_name'),
      text: htmlToText(optional(page, 'commitment_detail_sub')).text,
      url: `${SITE}${field(page, 'permalink')}`,
      milestones: [],
    });
  }
  if (commitments.size === 0) throw new TrackerDataError(`${dir} holds no commitments (_commitments/*.md).`);
  for (const page of pages(path.join(dir, '_subcommitments'))) {
    const { commitmentId, ...milestone } = readMilestone(page);
    const commitment = commitments.get(commitmentId);
    if (!commitment) throw new TrackerDataError(`${page.file} belongs to ${commitmentId}, which has no commitment file.`);
    commitment.milestones.push(milestone);
  }
  for (const c of commitments.values()) c.milestones.sort((a, b) => a.position - b.position);
  return [...commitments.values()].sort((a, b) => a.ogpId.localeCompare(b.ogpId));
}

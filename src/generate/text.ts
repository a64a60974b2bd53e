import { AMBITION, ES, MILESTONES, MONTHS, NARRATIVE_DETAIL, NARRATIVE_STATUS, QUALIFIERS, SECTORS, STAKEHOLDERS, STATUS_QUO, TITLE_OPENERS } from './phrases/sentences.ts';
import type { Theme } from './phrases/themes.ts';
import type { Random } from './random.ts';

/** Everything the wording of one commitment depends on. */
export interface CommitmentContext {
  theme: Theme;
  spanish: boolean;
  memberName: string;
  /** The country, or the city or region of a local member, as titles name it. */
  place: string;
  lead: string;
  supporting: readonly string[];
  startYear: number;
  endYear: number;
}

export interface CommitmentText {
  title: string;
  shortTitle: string;
  problem: string;
  statusQuo: string;
  objective: string;
  ambition: string;
  /** The rest of the plan's entry: title, institutions, period and milestones (the sections above are separate). */
  fullText: (milestoneTitles: readonly string[]) => string;
  /** The subject milestones and progress updates talk about. */
  subject: string;
  action: string;
}

const capitalise = (text: string): string => (text === '' ? text : text[0]!.toUpperCase() + text.slice(1));
const withoutArticle = (text: string): string => text.replace(/^(the|a|an|el|la|los|las) /i, '');

// Templates split once into literal text and slot names: [text, slot, text, slot, text…].
const templates = new Map<string, string[]>();

function slot(name: string, random: Random, slots: Readonly<Record<string, string>>): string {
  if (name in slots) return slots[name]!;
  if (name === 'n') return String(random.int(2, 40));
  if (name === 'pct') return String(random.int(5, 60));
  if (name === 'months') return String(random.int(2, 9));
  if (name === 'stakeholder') return random.pick(STAKEHOLDERS);
  return '';
}

function fill(template: string, random: Random, slots: Readonly<Record<string, string>>): string {
  let parts = templates.get(template);
  if (!parts) templates.set(template, (parts = template.split(/\{(\w+)\}/)));
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) text += slot(parts[i]!, random, slots) + parts[i + 1]!;
  return text;
}

function englishTitle(random: Random, subject: string, action: string, ctx: CommitmentContext): string {
  // A sector and a deadline now and then, as real titles have, so titles vary as much as plans do.
  const tail = `${random.chance(0.3) ? ` ${random.pick(SECTORS)}` : ''}${random.chance(0.2) ? ` by ${ctx.endYear}` : ''}`;
  switch (random.int(0, 6)) {
    case 0:
      return `${capitalise(action)}${tail}`;
    case 1:
    case 2:
      return `${capitalise(action)} ${random.pick(QUALIFIERS)}${tail}`;
    case 3:
      return `${random.pick(TITLE_OPENERS)} ${subject} ${random.pick(QUALIFIERS)}${tail}`;
    case 4:
      return `${capitalise(withoutArticle(subject))}: ${action}${tail}`;
    case 5:
      return `${random.pick(TITLE_OPENERS)} ${subject} in ${ctx.place}${tail}`;
    default:
      return `${capitalise(withoutArticle(subject))} ${random.pick(QUALIFIERS)}${tail}`;
  }
}

function spanishTitle(random: Random, subject: string, action: string, place: string): string {
  switch (random.int(0, 3)) {
    case 0:
      return `${capitalise(action)} ${random.pick(ES.qualifiers)}`;
    case 1:
      return `${capitalise(action)} en ${place}`;
    default:
      return `${random.pick(ES.openers)} ${subject} ${random.pick(ES.qualifiers)}`;
  }
}

/** A short title of a few words: the start of the action, cut before its first preposition, or the subject. */
function shortTitleOf(title: string, subject: string, action: string): string {
  if (!title.toLowerCase().startsWith(action.slice(0, 20).toLowerCase())) return capitalise(withoutArticle(subject));
  const words = action.split(' ');
  const cut = words.findIndex((w, i) => i >= 3 && /^(in|on|of|for|to|with|at|by|and|en|de|para|con|y)$/.test(w));
  return capitalise(words.slice(0, cut > 0 ? cut : Math.min(words.length, 6)).join(' '));
}

/** Title, sections and full text of one commitment, in the member's language. */
export function commitmentText(random: Random, ctx: CommitmentContext): CommitmentText {
  const { theme } = ctx;
  const subject = ctx.spanish ? random.pick(theme.es.subjects) : random.pick(theme.subjects);
  const action = ctx.spanish ? random.pick(theme.es.actions) : random.pick(theme.actions);
  const title = ctx.spanish ? spanishTitle(random, subject, action, ctx.place) : englishTitle(random, subject, action, ctx);
  const shortTitle = shortTitleOf(title, subject, action);
  const slots = { subject, year: String(ctx.startYear - random.int(1, 3)), oldYear: String(ctx.startYear - random.int(8, 25)) };
  let problem: string;
  let statusQuo: string;
  let objective: string;
  let ambition: string;
  if (ctx.spanish) {
    problem = fill(random.pick(ES.problem), random, slots);
    statusQuo = fill(random.pick(ES.statusQuo), random, slots);
    objective = fill(ES.objective, random, { action });
    ambition = fill(ES.ambition, random, slots);
  } else {
    problem = random.sample(theme.problems, random.int(1, 2)).join(' ');
    statusQuo = random
      .sample(STATUS_QUO, random.int(1, 2))
      .map((s) => fill(s, random, slots))
      .join(' ');
    const second = random.pick(theme.actions.filter((a) => a !== action));
    objective = `To ${action} and ${second}, so that ${random.pick(theme.outcomes)}.`;
    ambition = fill(random.pick(AMBITION), random, slots);
  }
  const partners = ctx.supporting.length > 0 ? ctx.supporting.join(', ') : '—';
  // The sections have columns of their own (problem, status quo, objective, ambition); the full text carries the
  // rest of the plan's entry, so search and the page never see the same words twice.
  const fullText = (milestoneTitles: readonly string[]): string => {
    const steps = milestoneTitles.map((m, i) => `${i + 1}. ${m}`).join('\n');
    if (ctx.spanish) {
      return `${title}\nInstitución responsable: ${ctx.lead}\nOtros actores: ${partners}\nPeríodo: ${ctx.startYear}–${ctx.endYear}, ${ctx.memberName}\nHitos:\n${steps}`;
    }
    return (
      `${title}\nLead implementing agency: ${ctx.lead}\nOther actors involved: ${partners}\n` +
      `Relevance: the commitment advances ${theme.name.toLowerCase()} in ${ctx.memberName} from ${ctx.startYear} to ${ctx.endYear}.\nMilestones:\n${steps}`
    );
  };
  return { title, shortTitle, problem, statusQuo, objective, ambition, fullText, subject, action };
}

/** A commitment's milestone titles, each a different step. */
export function milestoneTitles(random: Random, spanish: boolean, subject: string, count: number): string[] {
  const templates: readonly string[] = spanish ? ES.milestones : MILESTONES;
  // More milestones than kinds of step: later ones repeat a step for a further phase.
  const order = random.sample(templates, templates.length);
  return Array.from({ length: count }, (_, i) => {
    const title = fill(order[i % order.length]!, random, { subject });
    return i < order.length ? title : `${title} (phase ${Math.floor(i / order.length) + 1})`;
  });
}

/** What a point of contact writes when reporting progress, for a given status. */
export function progressNarrative(random: Random, spanish: boolean, status: string, lead: string, reportedOn: string): string {
  const month = MONTHS[Number(reportedOn.slice(5, 7)) - 1] ?? '';
  if (spanish) return fill(random.pick(ES.narrative[status] ?? ES.narrative.limited!), random, {});
  const head = fill(random.pick(NARRATIVE_STATUS[status] ?? NARRATIVE_STATUS.limited!), random, { lead });
  const detail = fill(random.pick(NARRATIVE_DETAIL), random, {});
  return `${month} ${reportedOn.slice(0, 4)}: ${head}${detail ? ` ${detail}` : ''}`;
}

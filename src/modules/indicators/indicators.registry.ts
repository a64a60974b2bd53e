/**
 * Where each performance indicator of the platform's own strategy (the OGP Four-Year Strategy 2015–2018)
 * gets its actuals, bound by the indicator's StratML Identifier, never by its sequence number (the
 * strategy numbers both an objective and an indicator "4.5.1"). Exactly one source each:
 *
 * - computed: counted live from the platform's own data, for any period;
 * - manual: the data lives outside the platform, so the Support Unit records each period's actual by hand (audited);
 * - pending: the module that will hold the data does not exist yet, so the indicator shows "no data
 *   source yet" and never a number.
 *
 * Each entry says in one line why it has the source it has. When a module that feeds a pending
 * indicator is built, its entry becomes computed here.
 */
import type { DbOrTrx } from '../../db/database.ts';
import { DEFAULT_INDICATOR_IDENTIFIERS } from '../strategy/default-plan/default-plan.ts';
import { civilSocietyOrganisationsInActionPlans } from './indicators.computations.ts';
import type { Period } from './indicators.periods.ts';

export const SOURCES = ['computed', 'manual', 'pending'] as const;
export type SourceKind = (typeof SOURCES)[number];

/** One number per period, in the order given, from grouped queries over the platform's data. */
export type Computation = (db: DbOrTrx, periods: readonly Period[]) => Promise<number[]>;

interface EntryBase {
  /** Why the indicator has this source, in one line (English, for the code and the JSON download). */
  reason: string;
  /** The i18n key of what the dashboard says about where the numbers come from. */
  about: string;
}

export interface ComputedEntry extends EntryBase {
  source: 'computed';
  /** Exactly what the number counts (English, for the downloads and the StratML report). */
  counts: string;
  /** The unit of the computed number (English), when it differs from the plan's unit of measurement. */
  unit: string;
  /** The same unit, as an i18n key, for the chart's axis. */
  unitKey: string;
  compute: Computation;
}

export interface ManualEntry extends EntryBase {
  source: 'manual';
}

export interface PendingEntry extends EntryBase {
  source: 'pending';
}

export type RegistryEntry = ComputedEntry | ManualEntry | PendingEntry;

const id = (sequence: string): string => {
  const identifier = DEFAULT_INDICATOR_IDENTIFIERS[sequence];
  if (!identifier) throw new Error(`The default plan has no indicator ${sequence}`);
  return identifier;
};

const pending = (reason: string, about: string): PendingEntry => ({ source: 'pending', reason, about: `indicators.about.${about}` });
const manual = (reason: string, about: string): ManualEntry => ({ source: 'manual', reason, about: `indicators.about.${about}` });

export const INDICATOR_REGISTRY: Readonly<Record<string, RegistryEntry>> = {
  // 1.3.1 Countries sending deputy ministers or higher to regional meetings and the Summit.
  [id('1.3.1')]: pending('Attendance at regional meetings and the Summit will come from the events module, which does not exist yet.', 'events'),
  // 1.3.2 Applications for the Open Government Awards.
  [id('1.3.2')]: pending('Award applications will come from the awards module, which does not exist yet.', 'awards'),
  // 1.4.1 References to OGP by heads of state.
  [id('1.4.1')]: manual('Speeches, joint statements and press coverage by heads of state happen outside the platform.', 'headsOfState'),
  // 2.2.1 Requests from governments for referrals and support.
  [id('2.2.1')]: pending('Requests through working groups, exchanges and partnerships will come from the working groups module, which does not exist yet.', 'supportRequests'),
  // 2.2.2 Government presenters and participants at webinars.
  [id('2.2.2')]: pending('Webinar presenters and participants will come from the webinars module, which does not exist yet.', 'webinars'),
  // 2.2.3 Newsletter subscribers, social media followers and unique website visitors.
  [id('2.2.3')]: manual('Social media followers and website visitors are counted by outside services, and there is no newsletter module.', 'audience'),
  // 2.4.1 Government members active in working groups.
  [id('2.4.1')]: pending('Participation in working groups and peer reviews will come from the working groups module, which does not exist yet.', 'workingGroups'),
  // 3.1.1 Size of the civil society community engaged with OGP.
  [id('3.1.1')]: {
    source: 'computed',
    reason: 'The commitments data names the civil society organisations that lead or support each commitment of each action plan.',
    about: 'indicators.about.civilSocietyOrganisations',
    counts: 'Civil society organisations named as lead or supporting institutions of commitments in action plans under way during the period.',
    // The community is counted in organisations: the platform knows which ones take part, not how many people they hold.
    unit: 'civil society organisations',
    unitKey: 'indicators.units.civilSocietyOrganisations',
    compute: civilSocietyOrganisationsInActionPlans,
  },
  // 3.2.1 Share of countries improving consultation during action planning.
  [id('3.2.1')]: pending('How consultation went in each action plan cycle will come from the co-creation and IRM report modules, which do not exist yet.', 'consultationQuality'),
  // 3.2.2 Share of countries with a forum for ongoing dialogue.
  [id('3.2.2')]: pending('Multi-stakeholder forums will come from the co-creation forums module, which does not exist yet.', 'forums'),
  // 3.2.3 Governments that raised awareness or published a summary of consultation comments.
  [id('3.2.3')]: pending('Consultations and their published summaries will come from the co-creation consultations module, which does not exist yet.', 'consultations'),
  // 3.3.1 Civil-society-organised events and reports on OGP.
  [id('3.3.1')]: manual('Outreach meetings, monitoring reports, press releases and blogs by civil society are published outside the platform.', 'civilSocietyOutreach'),
  // 3.3.2 How well equipped and informed the civil society community feels (qualitative).
  [id('3.3.2')]: pending('The civil society community\'s own view will come from the surveys module, which does not exist yet.', 'surveys'),
  // 4.2.1 Countries where the IRM report stimulated a public dialogue.
  [id('4.2.1')]: pending('The IRM tracks the dialogue its reports stimulate; that will come from the IRM reports module, which does not exist yet.', 'irmDialogue'),
  // 4.5.1 Countries addressing at least half of the IRM recommendations in their next plan.
  [id('4.5.1')]: pending('IRM recommendations and how the next plan answers them will come from the IRM recommendations module, which does not exist yet.', 'irmRecommendations'),
};

/** The registry's entry for an indicator identifier, or null when the platform has no source for it. */
export const registryEntry = (identifier: string): RegistryEntry | null => INDICATOR_REGISTRY[identifier] ?? null;

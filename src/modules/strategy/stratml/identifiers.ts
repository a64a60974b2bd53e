/**
 * StratML Identifiers are xs:ID: an XML name (NCName) that is unique in the document. Real files break
 * both rules (UUIDs that start with a digit, one identifier pasted onto six goals, template
 * placeholders such as "ID-${uuid}"), so identifiers are repaired before a plan is stored and again,
 * deterministically, before one is written.
 */
import { randomUUID } from 'node:crypto';
import type { Relationship, StratmlDocument } from './model.ts';

/** Where an identifier lives, for the list of changes, and how to read and replace it. */
interface Slot {
  path: string;
  holder: { identifier: string };
}

// ASCII only: libxml2 checks non-ASCII names against the older XML 1.0 (4th edition) tables, so an
// accented identifier valid today may still be refused there.
const NC_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

export function isValidIdentifier(value: string): boolean {
  return NC_NAME.test(value);
}

/** The nearest valid identifier: other characters become '_', and one that cannot start a name gets a '_' in front. */
function toNcName(value: string): string {
  const safe = value.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

/** Every element that carries an Identifier, in the order they appear in a file. */
function slotsOf(doc: StratmlDocument): { slots: Slot[]; relationships: Relationship[] } {
  const slots: Slot[] = [];
  const relationships: Relationship[] = [];
  const core = '/StrategicPlanCore';
  doc.organizations.forEach((organization, o) => slots.push({ path: `${core}/Organization[${o + 1}]`, holder: organization }));
  if (doc.vision) slots.push({ path: `${core}/Vision`, holder: doc.vision });
  if (doc.mission) slots.push({ path: `${core}/Mission`, holder: doc.mission });
  doc.goals.forEach((goal, g) => {
    const goalPath = `${core}/Goal[${g + 1}]`;
    slots.push({ path: goalPath, holder: goal });
    goal.objectives.forEach((objective, o) => {
      const objectivePath = `${goalPath}/Objective[${o + 1}]`;
      slots.push({ path: objectivePath, holder: objective });
      objective.performanceIndicators.forEach((indicator, i) => {
        const indicatorPath = `${objectivePath}/PerformanceIndicator[${i + 1}]`;
        slots.push({ path: indicatorPath, holder: indicator });
        indicator.relationships.forEach((relationship, r) => {
          slots.push({ path: `${indicatorPath}/Relationship[${r + 1}]`, holder: relationship });
          relationships.push(relationship);
        });
      });
    });
  });
  // Part 1 has no Identifier on these two, so a Part 1 plan gets none there: it could not keep them.
  if (doc.part === 2 && doc.administrativeInformation) slots.push({ path: '/AdministrativeInformation', holder: doc.administrativeInformation });
  if (doc.part === 2 && doc.submitter) slots.push({ path: '/Submitter', holder: doc.submitter });
  return { slots, relationships };
}

/**
 * Makes every identifier valid and unique. The first holder of a valid identifier keeps it; invalid
 * ones get the nearest valid name, repeats a numbered suffix, and empty ones `fill()` when given
 * (otherwise they stay empty, which the schema allows). ReferentIdentifiers that pointed at a repaired
 * identifier follow it.
 */
export function repairIdentifiers(doc: StratmlDocument, fill: (() => string) | null): { document: StratmlDocument; changed: string[] } {
  const document = structuredClone(doc);
  const { slots, relationships } = slotsOf(document);
  const changed: string[] = [];
  // Valid identifiers are claimed up front, so a repaired one never takes a name a later element already has.
  const taken = new Set(slots.map((slot) => slot.holder.identifier).filter(isValidIdentifier));
  const kept = new Set<string>();
  const renamed = new Map<string, string>();
  const unused = (base: string): string => {
    let candidate = base;
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}_${n}`;
    taken.add(candidate);
    return candidate;
  };

  for (const { path, holder } of slots) {
    const original = holder.identifier;
    if (original === '') {
      if (!fill) continue;
      holder.identifier = unused(toNcName(fill()));
      changed.push(`${path}/Identifier: was empty; now "${holder.identifier}"`);
    } else if (isValidIdentifier(original) && !kept.has(original)) {
      kept.add(original);
    } else if (isValidIdentifier(original)) {
      holder.identifier = unused(original);
      changed.push(`${path}/Identifier: "${original}" repeats an earlier identifier; now "${holder.identifier}"`);
    } else {
      holder.identifier = unused(toNcName(original));
      if (!renamed.has(original)) renamed.set(original, holder.identifier);
      changed.push(`${path}/Identifier: "${original}" is not a valid XML identifier; now "${holder.identifier}"`);
    }
  }

  for (const relationship of relationships) {
    relationship.referentIdentifiers = relationship.referentIdentifiers.map((referent) => {
      const target = renamed.get(referent);
      if (target === undefined) return referent;
      changed.push(`ReferentIdentifier "${referent}" now points at "${target}"`);
      return target;
    });
  }
  return { document, changed };
}

/**
 * What the store calls before saving: every element that can have an identifier gets a valid, unique
 * one, empty ones a new `_<uuid>`. Identifiers never come from SequenceIndicator, which plans reuse.
 */
export function normaliseIdentifiers(doc: StratmlDocument, newId: () => string = randomUUID): { document: StratmlDocument; changed: string[] } {
  return repairIdentifiers(doc, () => `_${newId()}`);
}

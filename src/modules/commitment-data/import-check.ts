import type { FieldMessage } from '../../platform/errors.ts';
import { institutionKey } from './institutions.ts';
import type { KnownMember, KnownPlan } from './commitment-data.repository.ts';
import { REQUIRED_COLUMNS, SHEET_COLUMNS } from './sheet-columns.ts';
import type { SheetRecord } from './sheet-reader.ts';
import { readSheetRow, type SheetCommitment, type SheetMember, type SheetPlan } from './sheet-row.ts';
import { checkSheetStars, type StarDisagreement } from './star-check.ts';

// The first pass over a sheet: every row is read and checked, against the others and against what the
// database holds, before anything is written. One refused row refuses the file.

export const MEMBER_NAME_MAX = 200;

export interface RejectedRow {
  row: number;
  line: number;
  ogpId: string | null;
  problem: FieldMessage;
}

/** The members and plans the database holds, indexed the ways a sheet row finds them. */
export class KnownRecords {
  readonly membersByCode = new Map<string, KnownMember>();
  readonly membersByName = new Map<string, KnownMember>();
  readonly plansByOgpId = new Map<string, KnownPlan>();
  readonly plansByMemberNumber = new Map<string, KnownPlan>();

  constructor(members: readonly KnownMember[], plans: readonly KnownPlan[]) {
    for (const m of members) {
      if (m.ogp_code) this.membersByCode.set(m.ogp_code, m);
      this.membersByName.set(institutionKey(m.name), m);
    }
    for (const p of plans) {
      this.plansByOgpId.set(p.ogp_id, p);
      this.plansByMemberNumber.set(`${p.member_id}|${p.number}`, p);
    }
  }

  /** The member a row belongs to: by OGP code, else by name. */
  member(sheet: SheetMember): KnownMember | undefined {
    return this.membersByCode.get(sheet.code) ?? this.membersByName.get(institutionKey(sheet.name));
  }
}

/**
 * Which member a sheet member is written as: the stored one it is found as, or else the one created for the
 * first code of its name, since writing finds an unknown code's member by name (`resolveMember`). Two codes
 * with one identity would be merged into one member, their plans and commitments with them.
 */
const memberIdentity = (stored: KnownMember | undefined, member: SheetMember): string => (stored ? `stored|${stored.id}` : `new|${institutionKey(member.name)}`);

const message = (key: string, params: Record<string, string | number> = {}): FieldMessage => ({ key: `commitmentData.problems.${key}`, params });

export class SheetChecker {
  header: string[] | null = null;
  fileProblem: FieldMessage | null = null;
  fileProblemLine: number | null = null;
  readonly warnings: FieldMessage[] = [];
  readonly rejected: RejectedRow[] = [];
  readonly starDisagreements: StarDisagreement[] = [];
  readonly members = new Map<string, SheetMember & { row: number }>();
  readonly plans = new Map<string, SheetPlan & { code: string; row: number }>();
  private readonly ids = new Map<string, number>();
  private readonly planNumbers = new Map<string, string>();
  /** The member each code becomes when written (see `memberIdentity`), with the code and row that first named it. */
  private readonly identities = new Map<string, { code: string; row: number }>();
  rows = 0;

  constructor(private readonly known: KnownRecords) {}

  /** Checks the header row; a file without the columns a row needs cannot be imported at all. */
  checkHeader(cells: string[]): void {
    this.header = cells.map((c) => c.trim());
    const seen = new Set<string>();
    const duplicate = this.header.find((c) => (seen.has(c) ? true : (seen.add(c), false)));
    if (duplicate !== undefined) {
      this.fileProblem = message('headerDuplicate', { column: duplicate });
      return;
    }
    const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
    if (missing.length > 0) {
      this.fileProblem = message('headerMissing', { columns: missing.join(', ') });
      return;
    }
    const layout = new Set(SHEET_COLUMNS);
    const extra = this.header.filter((c) => !layout.has(c));
    if (extra.length > 0) this.warnings.push(message('extraColumns', { columns: extra.join(', ') }));
  }

  /** The record's cells by column, or null (with the row refused) when it has the wrong number of cells. */
  cellsOf(record: SheetRecord): Record<string, string> | null {
    const header = this.header ?? [];
    if (record.cells.length !== header.length) {
      this.reject(record, null, message('cellCount', { found: record.cells.length, expected: header.length }));
      return null;
    }
    return Object.fromEntries(header.map((column, i) => [column, record.cells[i] ?? '']));
  }

  private reject(record: SheetRecord, ogpId: string | null, problem: FieldMessage): void {
    this.rejected.push({ row: record.row, line: record.line, ogpId, problem });
  }

  /** Checks one data row; returns what it reads as when it passes. */
  checkRow(record: SheetRecord): SheetCommitment | null {
    this.rows += 1;
    const cells = this.cellsOf(record);
    if (!cells) return null;
    const read = readSheetRow(cells);
    const ogpId = (cells['Commitment Unique Identifier'] ?? '').trim().toUpperCase() || null;
    if (!read.ok) {
      this.reject(record, ogpId, read.problem);
      return null;
    }
    const sheet = read.commitment;
    const problem = this.crossCheck(record.row, sheet);
    if (problem) {
      this.reject(record, sheet.ogpId, problem);
      return null;
    }
    this.starDisagreements.push(...checkSheetStars(record.row, sheet));
    return sheet;
  }

  /** What a row must agree with: the rows before it, and the members and plans already stored. */
  private crossCheck(row: number, sheet: SheetCommitment): FieldMessage | null {
    const firstRow = this.ids.get(sheet.ogpId);
    if (firstRow !== undefined) return message('duplicateId', { id: sheet.ogpId, row: firstRow });
    const { member, plan } = sheet;
    if ([...member.name].length > MEMBER_NAME_MAX) return message('memberNameTooLong', { max: MEMBER_NAME_MAX });
    const sameMember = this.members.get(member.code);
    if (sameMember && (sameMember.name !== member.name || sameMember.region !== member.region || sameMember.kind !== member.kind)) {
      return message('memberMismatch', { code: member.code, row: sameMember.row });
    }
    const samePlan = this.plans.get(plan.ogpId);
    if (samePlan && (samePlan.code !== member.code || samePlan.number !== plan.number || samePlan.submittedYear !== plan.submittedYear || samePlan.endYear !== plan.endYear)) {
      return message('planMismatch', { planId: plan.ogpId, row: samePlan.row });
    }
    const numberHolder = this.planNumbers.get(`${member.code}|${plan.number}`);
    if (numberHolder !== undefined && numberHolder !== plan.ogpId) return message('planNumberTwice', { number: plan.number, planId: numberHolder });

    const stored = this.known.member(member);
    if (stored?.ogp_code && member.codeIsRegistered && stored.ogp_code !== member.code) {
      return message('memberCodeConflict', { name: stored.name, code: member.code, existing: stored.ogp_code });
    }
    const identity = memberIdentity(stored, member);
    const sharer = this.identities.get(identity);
    if (sharer && sharer.code !== member.code) return message('memberNameShared', { name: member.name, code: member.code, otherCode: sharer.code, row: sharer.row });
    const storedPlan = this.known.plansByOgpId.get(plan.ogpId);
    if (storedPlan && storedPlan.member_id !== stored?.id) return message('planOtherMember', { planId: plan.ogpId });
    const numberTaken = stored ? this.known.plansByMemberNumber.get(`${stored.id}|${plan.number}`) : undefined;
    if (!storedPlan && numberTaken) return message('planNumberTaken', { number: plan.number, planId: numberTaken.ogp_id });

    this.ids.set(sheet.ogpId, row);
    if (!sameMember) {
      this.members.set(member.code, { ...member, row });
      this.identities.set(identity, { code: member.code, row });
    }
    if (!samePlan) this.plans.set(plan.ogpId, { ...plan, code: member.code, row });
    this.planNumbers.set(`${member.code}|${plan.number}`, plan.ogpId);
    return null;
  }
}

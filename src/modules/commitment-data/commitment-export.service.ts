import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { DbOrTrx } from '../../db/database.ts';
import { SHEET_COLUMNS } from './sheet-columns.ts';
import { exportRow } from './sheet-export.ts';
import { exportChildren, exportPage } from './sheet-export.repository.ts';

// The commitments as OGP's data sheet: the same columns, in the same order, under the same header,
// written as CSV the way the sheet is (CRLF between records; a cell holding a line break is quoted).
// Rows come a page at a time and are written as they come, so memory stays flat at any size.
// Against OGP's own file the only differences are documented normalisations: rows are in identifier order
// (OGP's file lists them by country), and the last row ends with CRLF like the others.

export const EXPORT_PAGE_SIZE = 500;

export interface ExportOptions {
  /** Commitments read per query. */
  pageSize?: number;
  /** Told about each commitment written, for counting. */
  onRow?: () => void;
}

/** The header, then each commitment's cells, in OGP id order. */
export async function* sheetRows(db: DbOrTrx, { pageSize = EXPORT_PAGE_SIZE, onRow }: ExportOptions = {}): AsyncGenerator<string[]> {
  yield [...SHEET_COLUMNS];
  let after: string | null = null;
  for (;;) {
    const page = await exportPage(db, after, pageSize);
    if (page.length === 0) return;
    const children = await exportChildren(
      db,
      page.map((c) => c.id),
    );
    for (const commitment of page) {
      yield exportRow(commitment, children.get(commitment.id)!);
      onRow?.();
    }
    after = page.at(-1)!.ogp_id;
    if (page.length < pageSize) return;
  }
}

/** The whole sheet as a stream of CSV text. */
export function commitmentSheetCsv(db: DbOrTrx, options: ExportOptions = {}): Readable {
  const rows = Readable.from(sheetRows(db, options));
  const csv = stringify({ record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
  // A failed query ends the download with an error rather than a file that looks complete.
  rows.once('error', (error) => csv.destroy(error));
  return rows.pipe(csv);
}

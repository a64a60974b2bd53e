import { Readable } from 'node:stream';
import type { DbOrTrx } from '../../db/database.ts';
import { csvRecord } from './csv-record.ts';
import { SHEET_COLUMNS } from './sheet-columns.ts';
import { exportRow } from './sheet-export.ts';
import { exportChildren, exportPage } from './sheet-export.repository.ts';

// The commitments as OGP's data sheet: the same columns, in the same order, under the same header,
// written as CSV the way the sheet is (CRLF between records; a cell holding a line break is quoted).
// Rows come a page at a time and are written as they come, so memory stays flat at any size.
// Against OGP's own file the only differences are documented normalisations: rows are in identifier order
// (OGP's file lists them by country), and the last row ends with CRLF like the others.

// Small pages keep each page's rows young: they are gone before the garbage collector would promote them to the
// old generation, which is what made the heap (and the process) grow by a hundred megabytes at 500 a page.
export const EXPORT_PAGE_SIZE = 100;

/** Records are handed on in pieces of about this many characters: one stream chunk per record costs more than the record. */
const CHUNK_CHARACTERS = 64 * 1024;

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
    const last = page.at(-1)!.ogp_id;
    const children = await exportChildren(
      db,
      page.map((c) => c.id),
      { after, last },
    );
    for (const commitment of page) {
      yield exportRow(commitment, children.get(commitment.id)!);
      onRow?.();
    }
    after = last;
    if (page.length < pageSize) return;
  }
}

async function* csvChunks(rows: AsyncIterable<string[]>): AsyncGenerator<string> {
  let chunk = '';
  for await (const row of rows) {
    chunk += csvRecord(row);
    if (chunk.length < CHUNK_CHARACTERS) continue;
    yield chunk;
    chunk = '';
  }
  if (chunk !== '') yield chunk;
}

/**
 * The whole sheet as a stream of CSV text, read no faster than it is consumed. A failed query ends the
 * stream with an error rather than a file that looks complete.
 */
export function commitmentSheetCsv(db: DbOrTrx, options: ExportOptions = {}): Readable {
  return Readable.from(csvChunks(sheetRows(db, options)), { objectMode: false });
}

import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

// Reads a CSV sheet as a stream of records, so a file of any size is never held whole. Quoted cells
// may span lines; the byte-order mark is dropped. Each record carries the numbers a person needs to
// find it: its row as a spreadsheet shows it (the header is row 1) and the line where it starts.

export interface SheetRecord {
  /** 2 for the first row under the header, as a spreadsheet numbers it. */
  row: number;
  /** The line of the file the record starts on. */
  line: number;
  cells: string[];
  /** Bytes of the file read so far, for progress. */
  bytes: number;
}

/** The file cannot be read as CSV at all (an unclosed quote, say); nothing in it can be trusted. */
export class SheetFormatError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'SheetFormatError';
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; records: number; bytes: number };
}

const newlines = (cells: readonly string[]): number => cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);

/** The header first (row 1), then every record, with rows of any length: the caller decides what a short row means. */
export async function* readSheetRecords(input: Readable): AsyncGenerator<SheetRecord> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  // A read error on the source (a missing file) reaches the parser's consumer rather than crashing the process.
  input.once('error', (error) => parser.destroy(error));
  try {
    for await (const chunk of parser as AsyncIterable<ParsedRecord>) {
      const { record, info } = chunk;
      yield { row: info.records, line: info.lines - newlines(record), cells: record, bytes: info.bytes };
    }
  } catch (error) {
    const err = error as Error & { code?: string; lines?: number };
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) throw new SheetFormatError(err.message, err.lines ?? null);
    throw error;
  }
}

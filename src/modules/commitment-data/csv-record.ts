// One CSV record as OGP's sheet writes it (and as csv-stringify would with a CRLF record delimiter): a cell is
// quoted when it holds a comma, a quote or a line break, with its quotes doubled; records end with CRLF.

const NEEDS_QUOTES = /[",\r\n]/;

export const csvCell = (cell: string): string => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

export const csvRecord = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

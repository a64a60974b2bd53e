/** Why a file could not be read as StratML: the two refusals an import shows to the person who uploaded it. */

/** Input that is not well-formed XML (or not decodable text); line and column are 1-based. */
export class StratmlSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  /** What is wrong, without the position (for messages that show line and column themselves). */
  readonly reason: string;

  constructor(reason: string, line: number, column: number) {
    super(`Not well-formed XML at line ${line}, column ${column}: ${reason}`);
    this.name = 'StratmlSyntaxError';
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/** Well-formed XML that is not a StratML Part 1 or Part 2 plan (another root element, say). */
export class StratmlFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StratmlFormatError';
  }
}

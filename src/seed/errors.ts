/** Raised when the seed cannot run; the message says what to fix. */
export class SeedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedDataError';
  }
}

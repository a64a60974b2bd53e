import type { FastifyReply } from 'fastify';

/**
 * A page's CSRF token, made the first time a form prints it (`{{ csrfToken }}`, or joined into markup with `+`).
 * A page without a form then costs no HMAC and sets no cookie; a browser that has the secret cookie keeps it
 * (generateCsrf reuses it), so every form it has open stays valid.
 */
export class LazyCsrfToken {
  #token: string | undefined;

  constructor(private readonly reply: FastifyReply) {}

  toString(): string {
    this.#token ??= this.reply.generateCsrf();
    return this.#token;
  }

  toJSON(): string {
    return this.toString();
  }
}

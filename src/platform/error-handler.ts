import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldErrors } from './errors.ts';

export const isApiRequest = (request: FastifyRequest): boolean => request.url.startsWith('/api/');

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns a schema failure into per-field messages that a form or API client can show. */
function fieldsFromValidation(issues: ValidationIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const missing = issue.params?.missingProperty;
    const field = (issue.instancePath ?? '').split('/').filter(Boolean)[0] ?? (typeof missing === 'string' ? missing : '_');
    if (fields[field]) continue;
    if (issue.keyword === 'required') fields[field] = { key: 'errors.field.required' };
    else if (issue.keyword === 'maxLength') fields[field] = { key: 'errors.field.tooLong', params: { max: Number(issue.params?.limit ?? 0) } };
    else fields[field] = { key: 'errors.field.invalid' };
  }
  return fields;
}

// Two requests racing past a service's own uniqueness check meet the database's UNIQUE index instead.
function isUniqueViolation(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

function toAppError(error: FastifyError | AppError | Error): AppError | null {
  if (error instanceof AppError) return error;
  if (isUniqueViolation(error)) return new AppError('CONFLICT');
  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError.validation)) return new AppError('VALIDATION_FAILED', fieldsFromValidation(fastifyError.validation));
  if (typeof fastifyError.code === 'string' && fastifyError.code.startsWith('FST_CSRF')) return new AppError('CSRF_INVALID');
  const status = fastifyError.statusCode ?? 500;
  const byStatus: Partial<Record<number, ErrorCode>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED' };
  const code = byStatus[status];
  if (code) return new AppError(code);
  if (status >= 400 && status < 500) return new AppError('BAD_REQUEST');
  return null;
}

// Never echo secrets back into a re-rendered form.
function safeValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter(([key]) => !/password|_csrf/i.test(key)));
}

async function renderForm(request: FastifyRequest, reply: FastifyReply, error: AppError): Promise<FastifyReply> {
  const form = request.routeOptions.config.form;
  if (!form) throw error;
  const t = request.t;
  const errors = Object.fromEntries(Object.entries(error.fields).map(([field, m]) => [field, t(m.key, m.params ?? {})]));
  const errorList = Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
  const extra = form.context ? await form.context(request) : {};
  const html = await reply.viewAsync(form.view, { ...extra, values: safeValues(request.body), errors, errorList });
  return reply.status(400).type('text/html; charset=utf-8').send(html);
}

/** Renders to a string first, so a failing template reaches our catch and never Fastify's default handler. */
export async function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): Promise<FastifyReply> {
  const t = request.t;
  if (isApiRequest(request)) {
    const fields = Object.fromEntries(Object.entries(error.fields).map(([field, m]) => [field, t(m.key, m.params ?? {})]));
    return reply.status(error.status).send({ error: { code: error.code, message: t(error.messageKey), fields } });
  }
  if (error.code === 'VALIDATION_FAILED' && request.routeOptions.config?.form) return renderForm(request, reply, error);
  if (error.code === 'UNAUTHENTICATED' && request.method === 'GET') {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
  }
  const html = await reply.viewAsync('views/error.njk', { status: error.status, message: t(error.messageKey), code: error.code });
  return reply.status(error.status).type('text/html; charset=utf-8').send(html);
}

/** The one error handler: known errors get their page or JSON shape, unknown ones a bare 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (rawError: FastifyError | Error, request, reply) => {
    const error = toAppError(rawError);
    if (error) {
      if (error.status >= 500) request.log.error({ err: rawError }, 'request failed');
      return sendError(request, reply, error);
    }
    request.log.error({ err: rawError }, 'unhandled error');
    try {
      return await sendError(request, reply, new AppError('INTERNAL'));
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed to render');
      return reply.status(500).type('text/plain').send('Internal Server Error');
    }
  });
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, new AppError('NOT_FOUND')));
}

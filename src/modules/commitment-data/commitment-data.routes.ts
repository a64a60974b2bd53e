import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../../platform/error-handler.ts';
import { validationError } from '../../platform/errors.ts';
import { requireAction, requireActor } from '../../platform/guards.ts';
import { can } from '../../platform/policies.ts';
import { UPLOAD_LIMIT_BYTES } from '../../platform/web.ts';
import { SheetUploadBody } from './commitment-data.schemas.ts';
import { importCommitmentSheet } from './commitment-data.service.ts';
import { commitmentSheetCsv } from './commitment-export.service.ts';
import { presentReport } from './import-report.ts';

export const IMPORT_PATH = '/admin/commitments/import';
export const EXPORT_PATH = '/admin/commitments/export.csv';
const IMPORT_VIEW = 'modules/commitment-data/views/import.njk';
const UPLOAD_MAX_MB = UPLOAD_LIMIT_BYTES / (1024 * 1024);
/** How the report names an uploaded file when the browser sent no name. */
const UPLOAD_NAME = 'upload.csv';

/** An upload cut off for its size (or a second file) is named on the file field, like any other problem with the file. */
async function uploadErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const problem =
    error.code === 'FST_REQ_FILE_TOO_LARGE'
      ? { key: 'commitmentData.errors.tooLarge', params: { max: UPLOAD_MAX_MB } }
      : error.code === 'FST_FILES_LIMIT'
        ? { key: 'commitmentData.errors.oneFile' }
        : null;
  if (!problem) throw error;
  // What multipart had read so far is not a form to show again.
  request.body = {};
  return sendError(request, reply, validationError({ file: problem }));
}

async function countCommitments(request: FastifyRequest): Promise<number> {
  const row = await request.server.ctx.db
    .selectFrom('commitments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the page shows besides a report: the limit, how much is stored, and the download when allowed. */
async function pageContext(request: FastifyRequest): Promise<Record<string, unknown>> {
  return { maxMb: UPLOAD_MAX_MB, stored: await countCommitments(request), canExport: can(request.actor, 'commitments.export'), exportPath: EXPORT_PATH, importPath: IMPORT_PATH };
}

export async function commitmentDataRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(IMPORT_PATH, { onRequest: requireAction('commitments.import') }, async (request, reply) => reply.view(IMPORT_VIEW, { ...(await pageContext(request)), values: {} }));

  r.post(
    IMPORT_PATH,
    {
      // Refused before the file is read: a stranger's upload is never parsed, and never answered with the form.
      onRequest: requireAction('commitments.import'),
      schema: { body: SheetUploadBody },
      errorHandler: uploadErrorHandler,
      config: { form: { view: IMPORT_VIEW, context: pageContext }, multipartOptions: { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } } },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'commitments.import');
      const file = request.body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) throw validationError({ file: { key: 'commitmentData.errors.fileRequired' } });
      const report = await importCommitmentSheet(app.ctx, {
        open: () => Readable.from([file], { objectMode: false }),
        fileName: request.uploadedFileNames.file || UPLOAD_NAME,
        size: file.length,
        actorId: actor.id,
      });
      const presented = presentReport(request.t, report);
      const context = { ...(await pageContext(request)), values: {}, report: presented };
      if (!presented.refused) return reply.view(IMPORT_VIEW, context);
      const message = presented.fileProblem ? request.t('commitmentData.errors.unreadable', { problem: presented.fileProblem }) : request.t('commitmentData.errors.refused');
      const html = await reply.viewAsync(IMPORT_VIEW, { ...context, errors: { file: message }, errorList: [{ text: message, href: '#file' }] });
      return reply.status(400).type('text/html; charset=utf-8').send(html);
    },
  );

  r.get(EXPORT_PATH, { onRequest: requireAction('commitments.export') }, async (_request, reply) => {
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ogp-commitments-${day}.csv"`)
      .send(commitmentSheetCsv(app.ctx.db));
  });
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { LANGUAGE_COOKIE } from '../../platform/web.ts';
import { commitmentChartUpdates } from './commitment-page-cache.ts';
import { CommitmentParams, ProgressChartQuery } from './commitments.schemas.ts';
import { progressChartImage } from './progress-chart.ts';

// The progress chart as an image of its own, so that the page never draws it. The page names the chart with the
// version of what it is drawn from: under that version the image never changes and browsers keep it for a year;
// any other address (an old page, a hand-typed one) gets today's chart, to be checked again each time.

const KEEP_FOR_GOOD = 'max-age=31536000, immutable';
const CHECK_EACH_TIME = 'no-cache';

/** Whether an If-None-Match header names this ETag (compared weakly, as RFC 9110 asks for this header). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === etag;
  });
}

export async function progressChartRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  r.get('/commitments/:ogpId/progress.svg', { schema: { params: CommitmentParams, querystring: ProgressChartQuery } }, async (request, reply) => {
    authorize(request.actor, 'commitment.view');
    const image = progressChartImage(request.t, request.lang, await commitmentChartUpdates(db, request.params.ogpId));
    if (!image) throw notFound();
    // A first ?lang= remembers the language in a cookie (web.ts): that response is for this browser alone.
    const sharable = request.cookies[LANGUAGE_COOKIE] === request.lang;
    const keep = request.query.v === image.version ? KEEP_FOR_GOOD : CHECK_EACH_TIME;
    reply.header('ETag', image.etag).header('Cache-Control', `${sharable ? 'public' : 'private'}, ${keep}`);
    // The page always names the language; an address without one is drawn in the language the reader's browser asks for.
    if (request.query.lang === undefined) reply.header('Vary', 'Cookie, Accept-Language');
    if (matches(request.headers['if-none-match'], image.etag)) return reply.code(304).send();
    return reply.type('image/svg+xml; charset=utf-8').send(image.svg);
  });
}

import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/**
 * The headers @fastify/helmet sends with these options, found by letting it answer one request. Registered on
 * the app, it builds every helmet middleware again and parses the whole Content-Security-Policy on each
 * request; our policy has no nonce and depends on nothing in the request, so one run gives every response's
 * headers, and helmet stays the one that decides them.
 */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(fastifyHelmet, options);
    // Nothing but helmet's hooks has touched the response yet, so its headers are all it holds.
    probe.get('/', (_request, reply) => reply.send(reply.raw.getHeaders()));
    const response = await probe.inject({ url: '/' });
    return response.json<Record<string, string>>();
  } finally {
    await probe.close();
  }
}

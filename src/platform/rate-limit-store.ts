import type { Db } from '../db/database.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
interface RouteInfo {
  routeInfo?: { method?: string | string[]; url?: string };
}
type RateLimitOptions = Record<string, unknown>;

/**
 * A @fastify/rate-limit store kept in the database, so every app process serving the site
 * counts the same attempts. One upsert per request: the window restarts once it has passed.
 */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      this.increment(`${this.prefix}${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    private async increment(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
      const now = Date.now();
      const row = await db
        .insertInto('rate_limits')
        .values({ key, hits: 1, reset_at: now + timeWindow })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            hits: eb.case().when('rate_limits.reset_at', '<=', now).then(1).else(eb('rate_limits.hits', '+', 1)).end(),
            reset_at: eb.case().when('rate_limits.reset_at', '<=', now).then(now + timeWindow).else(eb.ref('rate_limits.reset_at')).end(),
          })),
        )
        .returning(['hits', 'reset_at'])
        .executeTakeFirstOrThrow();
      return { current: row.hits, ttl: Math.max(0, Number(row.reset_at) - now) };
    }

    // The plugin passes the merged route options, with the route itself under routeInfo.
    child(routeOptions: object) {
      const info = (routeOptions as RouteInfo).routeInfo ?? {};
      return new DatabaseRateLimitStore(routeOptions as RateLimitOptions, `${String(info.method ?? '')} ${info.url ?? ''}|`);
    }
  };
}

import autocannon from 'autocannon';

export interface LoadSpec {
  baseUrl: string;
  /** Paths taken in turn across all connections, so consecutive requests ask for different records. */
  paths: readonly string[];
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A body of its own for each request, by its number in the run (overrides `body`). */
  bodyFor?: (index: number) => string;
  /** Told each answer's status with the number of the request it answers. */
  onResponse?: (status: number, index: number) => void;
  connections: number;
  seconds: number;
  /** Exactly this many requests, however long they take; `seconds` is then not used. */
  amount?: number;
}

export interface LoadResult {
  seconds: number;
  requests: number;
  /** Responses per second, all statuses. */
  rps: number;
  p50: number;
  p99: number;
  meanMs: number;
  /** Response bytes per second, headers included, as autocannon counts them. */
  bytesPerSecond: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

export const REQUEST_TIMEOUT_SECONDS = 30;

/** Fixed-concurrency load with autocannon: `connections` clients each sending the next request as soon as the last is answered. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const paths = spec.paths;
  // autocannon ends a run of a set number of requests on its next one-second tick, and reports that as its duration
  // (a run answered in 1.3 s counts as 2 s: the first views' rates came out as exactly 399, 200 and 133 req/s). Such
  // a run is timed to its last answer instead.
  const started = performance.now();
  let lastAnswer = started;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        ...(spec.amount === undefined ? { duration: spec.seconds } : { amount: spec.amount }),
        // Slow answers are measured rather than dropped (autocannon's default gives up after 10 s).
        timeout: REQUEST_TIMEOUT_SECONDS,
        method: spec.method ?? 'GET',
        headers: spec.headers,
        body: spec.body,
        requests: [
          {
            // A connection sends its next request only once the last is answered, so its context names the request being answered.
            setupRequest: (request, context) => {
              const index = next;
              next += 1;
              (context as { index?: number }).index = index;
              return { ...request, path: paths[index % paths.length]!, ...(spec.bodyFor ? { body: spec.bodyFor(index) } : {}) };
            },
            onResponse: (status, _body, context) => {
              lastAnswer = performance.now();
              spec.onResponse?.(status, (context as { index?: number }).index ?? -1);
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = spec.amount === undefined ? result.duration : Math.max(lastAnswer - started, 1) / 1000;
        resolve({
          seconds,
          requests: result.requests.total,
          rps: result.requests.total / seconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
          meanMs: result.latency.average,
          bytesPerSecond: result.throughput.average,
          status2xx: result['2xx'],
          status3xx: result['3xx'],
          status4xx: result['4xx'],
          status5xx: result['5xx'],
          errors: result.errors + result.timeouts,
        });
      },
    );
  });
}

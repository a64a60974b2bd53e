import { parseArgs } from 'node:util';

export type Dialect = 'sqlite' | 'postgres';

export const TARGET_NAMES = [
  'explorer',
  'explorer-uncached',
  'commitment',
  'commitment-first',
  'member',
  'plan',
  'indicators',
  'api',
  'writes',
  'import',
  'export',
  'workers',
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface BenchOptions {
  dialects: Dialect[];
  scales: number[];
  /** PostgreSQL's scales: --postgres-scale, else the same as SQLite's. */
  postgresScales: number[];
  /** Seconds of measured load per target (after the warm-up). */
  duration: number;
  warmup: number;
  connections: number;
  only: TargetName[] | null;
  seed: string;
  outDir: string;
  /** Where generated SQLite databases are kept for later runs (--keep-data), or null. */
  keepData: string | null;
}

export const USAGE = `Usage: npm run bench -- [options]

  --db sqlite|postgres|both   databases to measure (default both)
  --scale 1,10                scales to generate and measure (default 1,10; add 100 for the growth budget, slow)
  --postgres-scale 1,10       scales for PostgreSQL when they should differ from --scale (e.g. no ×100 there)
  --duration SECONDS          measured load per target (default 5)
  --warmup SECONDS            unmeasured load before each measurement (default 2)
  --connections N             concurrent connections (default 32)
  --only TARGET[,TARGET]      ${TARGET_NAMES.join(', ')}
  --seed TEXT                 generator seed (default bench)
  --out DIR                   where results go (default bench/results)
  --keep-data DIR             keep each generated SQLite database in DIR and start later runs from a copy of it
                              while the generator and migrations are unchanged (a ×100 database takes a long time)

Environment: BENCH_SCALES is read when --scale is not given (e.g. BENCH_SCALES=1,10,100).
DATABASE_URL_BENCH=postgres://… uses that server instead of starting a throwaway cluster.`;

export class UsageError extends Error {}

function positive(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new UsageError(`--${name} must be a ${integer ? 'whole ' : ''}number above 0 (got "${text}")`);
  return value;
}

/** Reads the bench's command line; throws UsageError with a sentence for anything it cannot use. */
export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      db: { type: 'string', default: 'both' },
      scale: { type: 'string' },
      'postgres-scale': { type: 'string' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      only: { type: 'string' },
      seed: { type: 'string', default: 'bench' },
      out: { type: 'string', default: 'bench/results' },
      'keep-data': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  const dialects: Dialect[] = values.db === 'both' ? ['sqlite', 'postgres'] : values.db === 'sqlite' || values.db === 'postgres' ? [values.db] : [];
  if (dialects.length === 0) throw new UsageError(`--db must be sqlite, postgres or both (got "${values.db}")`);
  const scaleText = values.scale ?? env.BENCH_SCALES ?? '1,10';
  const scaleList = (name: string, text: string): number[] => [...new Set(text.split(',').map((s) => positive(name, s.trim(), false)))].sort((a, b) => a - b);
  const scales = scaleList('scale', scaleText);
  const postgresScales = values['postgres-scale'] === undefined ? scales : scaleList('postgres-scale', values['postgres-scale']);
  let only: TargetName[] | null = null;
  if (values.only !== undefined) {
    const names = values.only.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !(TARGET_NAMES as readonly string[]).includes(n));
    if (unknown.length > 0) throw new UsageError(`--only: unknown target(s) ${unknown.join(', ')}; choose from ${TARGET_NAMES.join(', ')}`);
    only = names as TargetName[];
  }
  return {
    dialects,
    scales,
    postgresScales,
    duration: positive('duration', values.duration, false),
    warmup: Number(values.warmup) >= 0 ? Number(values.warmup) : positive('warmup', values.warmup, false),
    connections: positive('connections', values.connections, true),
    only,
    seed: values.seed,
    outDir: values.out,
    keepData: values['keep-data'] ?? null,
  };
}

export const scalesFor = (options: BenchOptions, dialect: Dialect): number[] => (dialect === 'postgres' ? options.postgresScales : options.scales);

/** Every scale measured on any database, smallest first. */
export const allScales = (options: BenchOptions): number[] => [...new Set(options.dialects.flatMap((d) => scalesFor(options, d)))].sort((a, b) => a - b);

export const wants = (options: BenchOptions, target: TargetName): boolean => options.only === null || options.only.includes(target);

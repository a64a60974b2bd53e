import type { ExportResult, ImportResult, Unavailable } from './data-io.ts';
import type { LoadResult } from './load.ts';
import type { Dialect, TargetName } from './options.ts';
import type { WritesResult } from './writes.ts';

// The shape of a bench run, as written to bench/results/<timestamp>.json.

export interface PageMeasurement {
  target: TargetName;
  label: string;
  /** The first address asked for, as an example. */
  example: string;
  /** 'unavailable' when the page answered 404 (not built yet); 'error' for any other failure. */
  status: 'measured' | 'unavailable' | 'error';
  note?: string;
  app?: LoadResult;
  ceiling?: LoadResult;
  /** Body bytes of the example response. */
  bytes?: number;
  /** The responses the ceiling sent, captured from the platform address by address after the measured load. */
  ceilingPages?: { addresses: number; meanBytes: number; maxBytes: number };
  contentType?: string;
  blockingScripts?: string[];
}

export interface WorkersMeasurement {
  one: LoadResult;
  two: LoadResult;
}

export interface RunResult {
  dialect: Dialect;
  scale: number;
  /** keptFrom: copied from a database an earlier run generated and kept (--keep-data), not generated now. */
  generate: { seconds: number; summary: string; keptFrom?: string; generatedAt?: string };
  /** Size of the SQLite file, or of the PostgreSQL database, after generation. */
  databaseBytes: number | null;
  pages: PageMeasurement[];
  writes?: WritesResult | Unavailable;
  export?: ExportResult | Unavailable;
  workers?: WorkersMeasurement | Unavailable;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    node: string;
    sqlite: string;
    postgres: string | null;
    /** 1, 5 and 15 minute load averages when the run began: anything well above 0 means the numbers are disturbed. */
    loadAverage: number[];
  };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; seed: string; scales: number[]; dialects: Dialect[] };
  runs: RunResult[];
  /** Import of the smallest scale's export into an empty database, per database. */
  imports: Array<{ dialect: Dialect; scale: number; result: ImportResult | Unavailable }>;
}

export const isUnavailable = (value: unknown): value is Unavailable => typeof value === 'object' && value !== null && 'unavailable' in value;

import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  databaseUrl: string;
  sessionSecret: string;
  baseUrl: string;
  smtpUrl: string | null;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  /** Hops of reverse proxy whose X-Forwarded-For to believe; 0 means the client's own address is used. */
  trustProxy: number;
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/ogp.sqlite';
// Used only outside production; production refuses to start with it.
export const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-change-me-0123456789';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates every setting at once, so a bad start-up lists all problems together. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = pickEnum(env.NODE_ENV, NODE_ENVS, 'development', 'NODE_ENV', problems);
  const logLevel = pickEnum(env.LOG_LEVEL, LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info', 'LOG_LEVEL', problems);
  const port = parsePort(env.PORT, problems);
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL, problems);
  const baseUrl = parseHttpUrl(env.BASE_URL, `http://localhost:${port}`, 'BASE_URL', problems);
  const smtpUrl = parseSmtpUrl(env.SMTP_URL, problems);
  const sessionSecret = parseSessionSecret(env.SESSION_SECRET, nodeEnv, problems);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { port, databaseUrl, sessionSecret, baseUrl, smtpUrl, logLevel, nodeEnv, trustProxy };
}

function blank(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === '';
}

function pickEnum<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string, problems: string[]): T {
  if (blank(value)) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return fallback;
}

function parsePort(value: string | undefined, problems: string[]): number {
  if (blank(value)) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${value}")`);
    return 3000;
  }
  return port;
}

// Believing X-Forwarded-For from anyone would let a client pick its own address and dodge rate limits.
function parseTrustProxy(value: string | undefined, problems: string[]): number {
  if (blank(value)) return 0;
  if (!/^\d{1,2}$/.test(value)) {
    problems.push(`TRUST_PROXY must be the number of reverse proxies in front of the platform, e.g. 1 (got "${value}")`);
    return 0;
  }
  return Number(value);
}

function parseDatabaseUrl(value: string | undefined, problems: string[]): string {
  if (blank(value)) return DEFAULT_DATABASE_URL;
  if (value.startsWith('sqlite:')) {
    if (value.slice('sqlite:'.length).trim() === '') problems.push('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/ogp.sqlite');
    return value;
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      problems.push('DATABASE_URL is not a valid postgres:// URL');
    }
    return value;
  }
  problems.push('DATABASE_URL must start with sqlite: or postgres://');
  return value;
}

function parseHttpUrl(value: string | undefined, fallback: string, name: string, problems: string[]): string {
  if (blank(value)) return fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    problems.push(`${name} must be an http:// or https:// URL (got "${value}")`);
    return fallback;
  }
}

function parseSmtpUrl(value: string | undefined, problems: string[]): string | null {
  if (blank(value)) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('protocol');
    return value;
  } catch {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
    return null;
  }
}

function parseSessionSecret(value: string | undefined, nodeEnv: NodeEnv, problems: string[]): string {
  if (nodeEnv === 'production') {
    if (blank(value)) problems.push('SESSION_SECRET is required in production');
    else if (value === DEVELOPMENT_SESSION_SECRET) problems.push('SESSION_SECRET must not be the development default in production');
    else if (value.length < 32) problems.push('SESSION_SECRET must be at least 32 characters');
    return value ?? '';
  }
  if (blank(value)) return DEVELOPMENT_SESSION_SECRET;
  if (value.length < 32) problems.push('SESSION_SECRET must be at least 32 characters');
  return value;
}

/** Resolves the file path of a sqlite: URL against the working directory. */
export function sqlitePath(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('sqlite:')) return null;
  const file = databaseUrl.slice('sqlite:'.length);
  return file === ':memory:' ? file : path.resolve(file);
}

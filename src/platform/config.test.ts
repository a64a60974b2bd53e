// test-scope: no-database
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_DATABASE_URL, DEVELOPMENT_SESSION_SECRET, loadConfig, sqlitePath } from './config.ts';

const LONG_SECRET = 'a-production-secret-that-is-long-enough-0123456789';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected loadConfig to refuse the configuration');
}

describe('loadConfig', () => {
  it('fills in development defaults when nothing is set', () => {
    assert.deepEqual(loadConfig({}), {
      port: 3000,
      databaseUrl: DEFAULT_DATABASE_URL,
      sessionSecret: DEVELOPMENT_SESSION_SECRET,
      baseUrl: 'http://localhost:3000',
      smtpUrl: null,
      logLevel: 'info',
      nodeEnv: 'development',
      trustProxy: 0,
    });
  });

  it('treats blank values as unset', () => {
    assert.deepEqual(loadConfig({ PORT: '  ', DATABASE_URL: '', LOG_LEVEL: '' }), loadConfig({}));
  });

  it('keeps tests quiet by default and follows PORT in the default base URL', () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '8080' });
    assert.equal(config.logLevel, 'silent');
    assert.equal(config.baseUrl, 'http://localhost:8080');
  });

  it('accepts valid values and trims a trailing slash from BASE_URL', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      DATABASE_URL: 'postgres://ogp:secret@db.example.org:5432/ogp',
      SESSION_SECRET: LONG_SECRET,
      BASE_URL: 'https://ogp.example.org/',
      SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
    });
    assert.equal(config.trustProxy, 1);
    assert.equal(config.port, 0);
    assert.equal(config.baseUrl, 'https://ogp.example.org');
    assert.equal(config.smtpUrl, 'smtps://mailer:pw@smtp.example.org:465');
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.sessionSecret, LONG_SECRET);
  });

  it('reports every invalid variable in one ConfigError', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      LOG_LEVEL: 'loud',
      PORT: 'abc',
      DATABASE_URL: 'mysql://localhost/ogp',
      BASE_URL: 'ftp://example.org',
      SMTP_URL: 'http://mail.example.org',
      SESSION_SECRET: 'short',
      TRUST_PROXY: 'yes',
    });
    assert.equal(problems.length, 8, problems.join('\n'));
    for (const name of ['NODE_ENV', 'LOG_LEVEL', 'PORT', 'DATABASE_URL', 'BASE_URL', 'SMTP_URL', 'SESSION_SECRET', 'TRUST_PROXY']) {
      assert.ok(
        problems.some((p) => p.startsWith(name)),
        `no problem reported for ${name}`,
      );
    }
  });

  it('lists the problems in its message, one per line, for printing', () => {
    const error = new ConfigError(['PORT is wrong', 'SMTP_URL is wrong']);
    assert.equal(error.message, 'Invalid configuration:\n  - PORT is wrong\n  - SMTP_URL is wrong');
  });

  it('refuses ports outside 0–65535 and non-numbers', () => {
    for (const port of ['65536', '-1', '80.5', '1e3', 'eighty']) {
      assert.equal(problemsOf({ PORT: port }).length, 1, `PORT=${port}`);
    }
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
  });

  describe('SESSION_SECRET in production', () => {
    it('is required', () => {
      assert.deepEqual(problemsOf({ NODE_ENV: 'production' }), ['SESSION_SECRET is required in production']);
    });

    it('must not be the development default', () => {
      assert.deepEqual(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: DEVELOPMENT_SESSION_SECRET }), [
        'SESSION_SECRET must not be the development default in production',
      ]);
    });

    it('must be at least 32 characters', () => {
      assert.deepEqual(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(31) }), ['SESSION_SECRET must be at least 32 characters']);
      assert.equal(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).sessionSecret, 'x'.repeat(32));
    });
  });

  it('also refuses a short SESSION_SECRET outside production, rather than silently using a weak one', () => {
    assert.deepEqual(problemsOf({ SESSION_SECRET: 'short' }), ['SESSION_SECRET must be at least 32 characters']);
  });

  describe('sqlite: URLs', () => {
    it('accepts a relative or absolute path and resolves it against the working directory', () => {
      assert.equal(loadConfig({ DATABASE_URL: 'sqlite:data/other.sqlite' }).databaseUrl, 'sqlite:data/other.sqlite');
      assert.equal(sqlitePath('sqlite:data/other.sqlite'), path.resolve('data/other.sqlite'));
      assert.equal(sqlitePath('sqlite:/var/lib/ogp/ogp.sqlite'), '/var/lib/ogp/ogp.sqlite');
    });

    it('accepts an in-memory database', () => {
      assert.equal(sqlitePath(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).databaseUrl), ':memory:');
    });

    it('refuses sqlite: without a path', () => {
      assert.equal(problemsOf({ DATABASE_URL: 'sqlite:' }).length, 1);
      assert.equal(problemsOf({ DATABASE_URL: 'sqlite:   ' }).length, 1);
    });

    it('gives no file path for a PostgreSQL URL', () => {
      assert.equal(sqlitePath('postgres://localhost/ogp'), null);
    });
  });

  describe('postgres URLs', () => {
    it('accepts both postgres:// and postgresql://', () => {
      for (const url of ['postgres://ogp@localhost/ogp', 'postgresql://ogp:pw@10.0.0.5:5433/ogp?sslmode=require']) {
        assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
      }
    });

    it('refuses a malformed URL', () => {
      assert.deepEqual(problemsOf({ DATABASE_URL: 'postgres://ogp@local host:port/ogp' }), ['DATABASE_URL is not a valid postgres:// URL']);
    });

    it('refuses other schemes', () => {
      assert.deepEqual(problemsOf({ DATABASE_URL: 'mysql://localhost/ogp' }), ['DATABASE_URL must start with sqlite: or postgres://']);
    });
  });
});

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { buildApp } from '../app.ts';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { openDatabase } from '../db/database.ts';
import { loadConfig } from './config.ts';
import { createLogger, redactUrl } from './logger.ts';
import { Mailer } from './mail.ts';

describe('request logging', () => {
  it('masks emailed tokens in paths and query strings', () => {
    assert.equal(redactUrl('/password-reset/abc123'), '/password-reset/[redacted]');
    assert.equal(redactUrl('/password-reset/abc123?x=1'), '/password-reset/[redacted]?x=1');
    assert.equal(redactUrl('/password-reset/sent'), '/password-reset/sent');
    assert.equal(redactUrl('/verify-email?token=abc&lang=es'), '/verify-email?token=[redacted]&lang=es');
    assert.equal(redactUrl('/organisations?q=token'), '/organisations?q=token');
  });

  it('never writes a reset or verification token to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: database.url });
    const logger = createLogger(config, sink);
    const handle = openDatabase(config.databaseUrl);
    const app = await buildApp({ config, db: handle.db, dialect: handle.dialect, database: handle, mailer: new Mailer(handle.db, null, logger), logger });
    try {
      await app.inject({ url: '/password-reset/SECRETRESETTOKEN123' });
      await app.inject({ url: '/verify-email?token=SECRETVERIFYTOKEN456' });
      const log = lines.join('');
      assert.match(log, /password-reset\/\[redacted\]/, 'the request was logged');
      assert.doesNotMatch(log, /SECRETRESETTOKEN123|SECRETVERIFYTOKEN456/);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});

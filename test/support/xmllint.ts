/**
 * Validating XML against an XSD with libxml2's xmllint, the reference the StratML exports are checked
 * against (scripts/ensure-xmllint.sh installs it for the test run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface XsdVerdict {
  valid: boolean;
  /** xmllint's messages, with the temporary file's name replaced by "document.xml". */
  errors: string;
}

let checked = false;

function requireXmllint(): void {
  if (checked) return;
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('xmllint is not installed: run scripts/ensure-xmllint.sh (Debian package libxml2-utils) before these tests.');
  }
  checked = true;
}

export function validateAgainstXsd(xml: string, xsdPath: string): XsdVerdict {
  requireXmllint();
  if (!fs.existsSync(xsdPath)) throw new Error(`The schema ${xsdPath} does not exist.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-xmllint-'));
  const file = path.join(dir, 'document.xml');
  try {
    fs.writeFileSync(file, xml, 'utf8');
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdPath, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    // 0: valid; 1: not well-formed; 3 and 4: not valid. Anything else (5: the schema does not compile) is our mistake.
    if (![0, 1, 3, 4].includes(run.status ?? -1)) throw new Error(`xmllint could not check the document (exit ${run.status}): ${run.stderr}`);
    const errors = run.stderr.replaceAll(file, 'document.xml').replace(/^document\.xml validates\n?$/m, '').trim();
    return { valid: run.status === 0, errors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

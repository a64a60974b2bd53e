// Which test files need a database. A file whose first line is NO_DATABASE_MARKER runs once instead of once
// per database; the runner refuses the mark on any file that can reach a database, following its imports.
import fs from 'node:fs';
import path from 'node:path';

export const NO_DATABASE_MARKER = '// test-scope: no-database';

/** Modules that open or create a database, and the drivers; a marked test may reach none of them. */
const DATABASE_MODULES = [/^test\/support\/test-app[^/]*\.ts$/, /^test\/support\/test-db\.ts$/, /^src\/db\//, /^src\/app\.ts$/];
const DATABASE_PACKAGES = new Set(['pg', 'better-sqlite3', 'kysely']);

// Value imports only: `import type` and `export type` vanish when the file runs.
const IMPORT_PATTERNS = [
  /^\s*import\s+(?!type\s)(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
  /^\s*export\s+(?!type\s)[^'"`;]*?\sfrom\s+['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function importsOf(source: string): string[] {
  return IMPORT_PATTERNS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

export function isMarkedNoDatabase(root: string, file: string): boolean {
  const firstLine = fs.readFileSync(path.join(root, file), 'utf8').split('\n', 1)[0] ?? '';
  return firstLine.trim() === NO_DATABASE_MARKER;
}

/**
 * Why `file` (relative to `root`) may touch a database, or null when none of its value imports, followed
 * all the way down, opens one and it never reads TEST_DB.
 */
export function databaseReach(root: string, file: string): string | null {
  const seen = new Set<string>();
  const walk = (relative: string, via: string[]): string | null => {
    if (seen.has(relative)) return null;
    seen.add(relative);
    const chain = [...via, relative];
    if (DATABASE_MODULES.some((pattern) => pattern.test(relative))) return chain.join(' → ');
    const source = fs.readFileSync(path.join(root, relative), 'utf8');
    if (source.includes('TEST_DB')) return `${chain.join(' → ')} reads TEST_DB`;
    for (const specifier of importsOf(source)) {
      if (specifier.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(path.join(root, relative)), specifier));
        if (!target.endsWith('.ts')) continue;
        const found = walk(target, chain);
        if (found) return found;
      } else if (DATABASE_PACKAGES.has(packageName(specifier))) {
        return [...chain, specifier].join(' → ');
      }
    }
    return null;
  };
  return walk(file, []);
}

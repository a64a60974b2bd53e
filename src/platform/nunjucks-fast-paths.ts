import nunjucks from 'nunjucks';

// Nunjucks spends most of a page's render in two helpers that every template calls many times: Frame.set, which
// splits each name on dots to allow `loop.index` (eight calls per loop iteration), and the autoescape, which runs
// a replacing regular expression with a callback over every value printed, although most values hold nothing
// to escape. Measured on the commitment page, they were a third of its render time. These are drop-in
// equivalents of the same functions (same results for every input; see nunjucks-fast-paths.test.ts), installed
// once for the process.

interface FrameLike {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): FrameLike | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}

interface RuntimeInternals {
  Frame: { prototype: FrameLike };
  SafeString: new (value: string) => object;
  suppressValue(value: unknown, autoescape: boolean): unknown;
}

interface LibInternals {
  escape(value: string): string;
  extend(target: object | null | undefined, source: object | null | undefined): object;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
const NEEDS_ESCAPE = /[&"'<>\\]/;
const ESCAPABLE = /[&"'<>\\]/g;
const escapeOne = (ch: string): string => ESCAPES[ch] ?? ch;

/** nunjucks' escape: the same characters replaced the same way, with no replacing pass over text that needs none. */
function escapeHtml(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPABLE, escapeOne) : value;
}

/** Names split on dots once each: templates use a few dozen distinct names, over and over. */
const splitNames = new Map<string, string[]>();
function namePath(name: string): string[] {
  let parts = splitNames.get(name);
  if (parts === undefined) {
    parts = name.split('.');
    splitNames.set(name, parts);
  }
  return parts;
}

/**
 * A for loop sets these seven on every iteration. Stored by name, each store is a lookup keyed by a different
 * name at the same place in the code, which V8 cannot specialise; written out, each is a plain property store.
 */
function setLoopField(loop: Record<string, unknown>, name: string, value: unknown): boolean {
  switch (name) {
    case 'loop.index':
      loop.index = value;
      return true;
    case 'loop.index0':
      loop.index0 = value;
      return true;
    case 'loop.revindex':
      loop.revindex = value;
      return true;
    case 'loop.revindex0':
      loop.revindex0 = value;
      return true;
    case 'loop.first':
      loop.first = value;
      return true;
    case 'loop.last':
      loop.last = value;
      return true;
    case 'loop.length':
      loop.length = value;
      return true;
    default:
      return false;
  }
}

function setVariable(this: FrameLike, name: string, value: unknown, resolveUp?: boolean): void {
  if (!resolveUp && name.startsWith('loop.')) {
    const variables = this.variables;
    const loop = (variables.loop ||= {}) as Record<string, unknown>;
    if (setLoopField(loop, name, value)) return;
  }
  if (resolveUp) {
    const owner = this.resolve(name.includes('.') ? (namePath(name)[0] ?? name) : name, true);
    if (owner) {
      owner.set(name, value);
      return;
    }
  }
  if (!name.includes('.')) {
    this.variables[name] = value;
    return;
  }
  const parts = namePath(name);
  let target = this.variables;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    if (!target[key]) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[parts[parts.length - 1] as string] = value;
}

/** nunjucks' extend (each render, include and import copies its context with it): own enumerable keys, in order. */
function extend(target: object | null | undefined, source: object | null | undefined): object {
  if (source === null || source === undefined) return target ?? {};
  // Into nothing, or into an empty object (nunjucks' one caller, Context, passes a new {} and keeps what comes back):
  // a spread, which V8 copies as a block rather than key by key; a tenth less render time on the commitment page.
  if (target === null || target === undefined || Object.keys(target).length === 0) return { ...source };
  const into = target as Record<string, unknown>;
  const from = source as Record<string, unknown>;
  for (const key of Object.keys(from)) into[key] = from[key];
  return into;
}

const runtime = nunjucks.runtime as unknown as RuntimeInternals;
const lib = nunjucks.lib as unknown as LibInternals;

/** The functions replaced, as nunjucks made them: the tests compare the two. */
export const nunjucksOriginals = {
  set: runtime.Frame.prototype.set,
  escape: lib.escape,
  extend: lib.extend,
  suppressValue: runtime.suppressValue,
};

function suppressValue(value: unknown, autoescape: boolean): unknown {
  if (value === undefined || value === null) return '';
  if (!autoescape || value instanceof runtime.SafeString) return value;
  return escapeHtml(typeof value === 'string' ? value : String(value));
}

let installed = false;

/** Replaces nunjucks' Frame.set, escape, extend and suppressValue with the faster equivalents above; once per process. */
export function installNunjucksFastPaths(): void {
  if (installed) return;
  installed = true;
  runtime.Frame.prototype.set = setVariable;
  lib.escape = escapeHtml;
  lib.extend = extend;
  runtime.suppressValue = suppressValue;
}

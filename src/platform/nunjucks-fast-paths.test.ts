import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nunjucks from 'nunjucks';
import { installNunjucksFastPaths, nunjucksOriginals } from './nunjucks-fast-paths.ts';

installNunjucksFastPaths();

interface TestFrame {
  variables: Record<string, unknown>;
  parent: TestFrame | null;
  set(name: string, value: unknown, resolveUp?: boolean): void;
  push(isolateWrites?: boolean): TestFrame;
}
const { Frame, SafeString } = nunjucks.runtime as unknown as {
  Frame: new (parent?: TestFrame, isolateWrites?: boolean) => TestFrame;
  SafeString: new (value: string) => object;
  suppressValue(value: unknown, autoescape: boolean): unknown;
};
const lib = nunjucks.lib as unknown as { escape(value: string): string; extend(a: object | null | undefined, b: object | null | undefined): object };
const runtime = nunjucks.runtime as unknown as { suppressValue(value: unknown, autoescape: boolean): unknown };

type Step = [frame: 'outer' | 'inner' | 'isolated', name: string, value: unknown, resolveUp?: boolean];

/** Runs the same writes through a set function on a fresh outer → inner → isolated frame chain. */
function framesAfter(steps: Step[], set: TestFrame['set']): Record<string, Record<string, unknown>> {
  const outer = new Frame();
  const inner = outer.push();
  const isolated = inner.push(true);
  const frames = { outer, inner, isolated };
  for (const [frame, name, value, resolveUp] of steps) set.call(frames[frame], name, value, resolveUp);
  return { outer: outer.variables, inner: inner.variables, isolated: isolated.variables };
}

const plain = (o: Record<string, Record<string, unknown>>): unknown => JSON.parse(JSON.stringify(o));

describe('nunjucks fast paths', () => {
  it('are installed in place of the originals', () => {
    assert.notEqual(Frame.prototype.set, nunjucksOriginals.set);
    assert.notEqual(lib.escape, nunjucksOriginals.escape);
    assert.notEqual(lib.extend, nunjucksOriginals.extend);
    assert.notEqual(runtime.suppressValue, nunjucksOriginals.suppressValue);
  });

  it('sets variables exactly as Frame.set does: plain, dotted, resolved upwards, isolated', () => {
    const scenarios: Step[][] = [
      [['outer', 'a', 1]],
      [['inner', 'loop.index', 1], ['inner', 'loop.first', true], ['inner', 'loop.index', 2]],
      [['outer', 'x', 1], ['inner', 'x', 2, true]],
      [['outer', 'x', 1], ['isolated', 'x', 3, true]],
      [['inner', 'y', 1, true]],
      [['outer', 'loop.index', 1], ['inner', 'loop.index', 5, true], ['inner', 'loop.length', 9, true]],
      [['outer', 'a.b.c', 'deep'], ['outer', 'a.b.d', 'deeper']],
      [['isolated', 'z.w', 4, true]],
      [
        ['inner', 'loop.index', 1],
        ['inner', 'loop.index0', 0],
        ['inner', 'loop.revindex', 3],
        ['inner', 'loop.revindex0', 2],
        ['inner', 'loop.first', true],
        ['inner', 'loop.last', false],
        ['inner', 'loop.length', 3],
        ['inner', 'loop.other', 'x'],
        ['inner', 'loop.a.b', 'deep'],
      ],
      [['outer', 'loop', 0], ['outer', 'loop.index', 2]],
      [['outer', 'loop', ''], ['inner', 'loop.first', true, true]],
    ];
    for (const steps of scenarios) {
      assert.deepEqual(plain(framesAfter(steps, Frame.prototype.set)), plain(framesAfter(steps, nunjucksOriginals.set)), JSON.stringify(steps));
    }
  });

  it('escapes exactly as nunjucks does, and passes text with nothing to escape through unchanged', () => {
    const samples = ['', 'plain words', `<a href="x">Tom & Jerry's</a>`, 'back\\slash', 'é – 日本 <b>', '&&&<<<>>>""\'\'\\\\', 'Open budgets 2024'];
    for (const sample of samples) assert.equal(lib.escape(sample), nunjucksOriginals.escape(sample), sample);
    const untouched = 'nothing to escape here';
    assert.equal(lib.escape(untouched), untouched);
  });

  it('prints values as suppressValue does: empty for nothing, escaped unless safe or autoescape is off', () => {
    const values: unknown[] = [undefined, null, 0, 42, false, 'a < b', new SafeString('<b>safe</b>'), { toString: () => '<obj>' }, ['<x>', 'y']];
    for (const value of values) {
      for (const autoescape of [true, false]) {
        assert.deepEqual(runtime.suppressValue(value, autoescape), nunjucksOriginals.suppressValue(value, autoescape), `${String(value)} ${autoescape}`);
      }
    }
  });

  it('copies own enumerable keys in order as extend does, into a new object when given none', () => {
    const proto = { inherited: 1 };
    const source = Object.assign(Object.create(proto) as Record<string, unknown>, { b: 2, a: 1, 3: 'three' });
    assert.deepEqual(lib.extend({ keep: true }, source), nunjucksOriginals.extend({ keep: true }, source));
    assert.deepEqual(Object.keys(lib.extend(null, source)), Object.keys(nunjucksOriginals.extend(null, source)));
    assert.deepEqual(lib.extend({ keep: true }, null), { keep: true });
    // Into an empty object, as Context does: the same keys, values and order, getters read once.
    let reads = 0;
    const withGetter = { first: 1, get lazy() {
      reads++;
      return 'read';
    }, last: 3 };
    const copied = lib.extend({}, withGetter) as Record<string, unknown>;
    assert.deepEqual(Object.entries(copied), Object.entries(nunjucksOriginals.extend({}, { first: 1, lazy: 'read', last: 3 })));
    assert.equal(reads, 1);
    assert.deepEqual(Object.keys(lib.extend({}, source)), Object.keys(nunjucksOriginals.extend({}, source)));
  });

  it('renders loops, loop variables, sets and escaping as before', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    const template = `{% set total = 0 %}{% for row in rows %}{% set total = total + row.n %}<li data-i="{{ loop.index }}/{{ loop.length }}"{% if loop.last %} class="last"{% endif %}>{{ row.name }}</li>{% endfor %}<p>{{ total }} {{ safe | safe }}</p>`;
    const html = env.renderString(template, { rows: [{ name: 'A & B', n: 2 }, { name: '<C>', n: 3 }], safe: '<em>ok</em>' });
    assert.equal(html, '<li data-i="1/2">A &amp; B</li><li data-i="2/2" class="last">&lt;C&gt;</li><p>5 <em>ok</em></p>');
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const tuning = fileURLToPath(new URL('./gc-tuning.ts', import.meta.url));

// A process that keeps a rolling window of objects from one allocation site alive across young collections: the
// pattern V8 pretenures. Its tracing prints each site's decision ("=> tenure" when it starts allocating there in
// the old generation).
function pretenuringDecisions(tuned: boolean): string[] {
  const script = `
    ${tuned ? `const { tuneGarbageCollectionForServing } = await import(${JSON.stringify(tuning)}); tuneGarbageCollectionForServing();` : ''}
    const kept = new Array(200000);
    for (let i = 0; i < 3000000; i++) kept[i % kept.length] = { i, text: 'x' + i };
    console.log(kept.length);`;
  const output = execFileSync(process.execPath, ['--trace-pretenuring-statistics', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return output.split('\n').filter((line) => line.includes('=> tenure'));
}

describe('garbage collection tuning for serving', () => {
  it('stops V8 pretenuring allocation sites, which it otherwise does for objects outliving young collections', () => {
    // V8 decides from sampled survival, so an untuned run now and then misses the decision (about one CI run in
    // four); three tries make the control reliable without making it one that cannot fail.
    const untunedPretenures = [1, 2, 3].some(() => pretenuringDecisions(false).length > 0);
    assert.ok(untunedPretenures, 'the workload is pretenured when nothing is tuned');
    assert.deepEqual(pretenuringDecisions(true), []);
  });
});

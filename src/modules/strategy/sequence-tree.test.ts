// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nestBySequence, sequenceAncestors, sequenceParent } from './sequence-tree.ts';

const item = (sequenceIndicator: string) => ({ sequenceIndicator });

describe('objectives nested by their numbers', () => {
  const list = ['1.1', '1.5', '1.5.1', '1.5.2', '1.5.2.1', '1.10', '', '2.1'].map(item);
  const [o11, o15, o151, o152, o1521, o110, unnumbered, o21] = list;

  it('puts each under the nearest number that starts it, at a dot', () => {
    assert.equal(sequenceParent(list, o151!), o15);
    assert.equal(sequenceParent(list, o1521!), o152);
    // "1.10" does not start with "1.1.", so it is not under 1.1.
    assert.equal(sequenceParent(list, o110!), undefined);
    assert.equal(sequenceParent(list, unnumbered!), undefined);
    assert.equal(sequenceParent(list, o21!), undefined);
  });

  it('builds the tree in the given order', () => {
    const tree = nestBySequence(list);
    assert.deepEqual(
      tree.map((node) => node.item.sequenceIndicator),
      ['1.1', '1.5', '1.10', '', '2.1'],
    );
    const under15 = tree[1]!.children;
    assert.deepEqual(under15.map((node) => node.item), [o151, o152]);
    assert.deepEqual(under15[1]!.children.map((node) => node.item), [o1521]);
    assert.ok(o11);
  });

  it('finds the chain above an objective for breadcrumbs', () => {
    assert.deepEqual(sequenceAncestors(list, o1521!), [o15, o152]);
    assert.deepEqual(sequenceAncestors(list, o15!), []);
  });

  it('never nests an item under one with the same number, and ignores a trailing dot', () => {
    const twins = [item('3'), item('3'), item('3.1.')];
    assert.deepEqual(nestBySequence(twins).map((node) => node.children.length), [1, 0]);
  });
});

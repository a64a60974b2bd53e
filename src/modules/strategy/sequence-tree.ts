// Objectives numbered "1.5", "1.5.1", "1.5.2" are shown as a tree: "1.5.1" under "1.5". StratML itself keeps
// objectives in a flat list under their goal; the nesting exists only in the sequence numbers people gave them.

export interface Sequenced {
  sequenceIndicator: string;
}

export interface SequenceNode<T> {
  item: T;
  children: Array<SequenceNode<T>>;
}

/** "1.5." and " 1.5" both mean "1.5". */
const normalise = (sequence: string): string => sequence.trim().replace(/\.+$/, '');

/** The nearest item whose number is a dotted prefix of this one ("1.5" for "1.5.1", or "1" when there is no "1.5"). */
export function sequenceParent<T extends Sequenced>(items: readonly T[], item: T): T | undefined {
  const own = normalise(item.sequenceIndicator);
  let parent: T | undefined;
  let parentLength = 0;
  for (const candidate of items) {
    if (candidate === item) continue;
    const prefix = normalise(candidate.sequenceIndicator);
    // A strictly shorter prefix, so two items can never be each other's parent.
    if (prefix === '' || prefix.length >= own.length || !own.startsWith(`${prefix}.`)) continue;
    if (prefix.length > parentLength) {
      parent = candidate;
      parentLength = prefix.length;
    }
  }
  return parent;
}

/** The items as a forest, each under its sequence parent, keeping the given order among siblings. */
export function nestBySequence<T extends Sequenced>(items: readonly T[]): Array<SequenceNode<T>> {
  const nodes = new Map<T, SequenceNode<T>>(items.map((item) => [item, { item, children: [] }]));
  const roots: Array<SequenceNode<T>> = [];
  for (const item of items) {
    const node = nodes.get(item) as SequenceNode<T>;
    const parent = sequenceParent(items, item);
    if (parent) (nodes.get(parent) as SequenceNode<T>).children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The chain of sequence parents above an item, outermost first. */
export function sequenceAncestors<T extends Sequenced>(items: readonly T[], item: T): T[] {
  const chain: T[] = [];
  for (let parent = sequenceParent(items, item); parent; parent = sequenceParent(items, parent)) chain.unshift(parent);
  return chain;
}

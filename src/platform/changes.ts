/**
 * What an edit changes, field by field, as it was and as it becomes: the before and after of its
 * audit event. Null when nothing changed, so saving an unchanged form leaves no trace in the history.
 */
export function changedFields<F extends object>(current: F, next: F): { before: Partial<F>; after: Partial<F> } | null {
  const before: Partial<F> = {};
  const after: Partial<F> = {};
  for (const key of Object.keys(next) as Array<keyof F>) {
    if (current[key] === next[key]) continue;
    before[key] = current[key];
    after[key] = next[key];
  }
  return Object.keys(after).length === 0 ? null : { before, after };
}

/**
 * Answers already computed, under the data version they were computed at. The version is kept by
 * triggers on every table the explorer reads and moves with every committed change, so an entry is never
 * served after the data changed: the next request simply computes under the new version.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(version: number, key: string): V | undefined {
    const id = `${version}\u0000${key}`;
    const value = this.entries.get(id);
    if (value === undefined) return undefined;
    // Map keeps insertion order: moving a hit to the end makes the first entry the least recently used.
    this.entries.delete(id);
    this.entries.set(id, value);
    return value;
  }

  set(version: number, key: string, value: V): void {
    const id = `${version}\u0000${key}`;
    this.entries.delete(id);
    this.entries.set(id, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

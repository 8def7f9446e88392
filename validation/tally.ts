/** Counts occurrences per key, remembering where each key was first seen (for messages). */
export class Tally {
  private readonly entries = new Map<string, { count: number; firstPath: string }>();

  /** Counts one more occurrence of `key`, seen at config path `path`. */
  add(key: string, path: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.count += 1;
    else this.entries.set(key, { count: 1, firstPath: path });
  }

  /** The keys counted more than `limit` times, with their count and first path. */
  over(limit: number): Array<{ key: string; count: number; firstPath: string }> {
    return [...this.entries].filter(([, e]) => e.count > limit).map(([key, e]) => ({ key, ...e }));
  }
}

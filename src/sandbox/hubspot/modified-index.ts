import type { CompactRecord } from './type-store';

/**
 * Records ordered by (modification time, id), for the incremental-sync query shape
 * "modified since X, sorted by modification date". Writes only ever append (the new time is normally
 * the latest); the superseded entry of a record stays behind and is skipped as stale on reads. An append
 * out of order (bulk loads with historic timestamps) marks the index for a rebuild on the next read.
 */
export class ModifiedIndex {
  private ids: number[] = [];
  private times: number[] = [];
  private dirty = false;
  private stale = 0;

  append(record: CompactRecord, replaced: boolean): void {
    const n = this.ids.length;
    if (n > 0) {
      const lastTime = this.times[n - 1];
      if (record.updatedAt < lastTime || (record.updatedAt === lastTime && record.id < this.ids[n - 1])) this.dirty = true;
    }
    this.ids.push(record.id);
    this.times.push(record.updatedAt);
    if (replaced) this.stale++;
  }

  private rebuild(byId: Map<number, CompactRecord>): void {
    const records = [...byId.values()].sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
    this.ids = records.map((r) => r.id);
    this.times = records.map((r) => r.updatedAt);
    this.dirty = false;
    this.stale = 0;
  }

  /** Live records with updatedAt >= `from`, ascending by (updatedAt, id); each record once. */
  *from(from: number, byId: Map<number, CompactRecord>): Generator<CompactRecord> {
    if (this.dirty || this.stale > this.ids.length / 2) this.rebuild(byId);
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    let previousId = -1;
    let previousTime = -Infinity;
    for (let i = lo; i < this.ids.length; i++) {
      const record = byId.get(this.ids[i]);
      // Stale entry: the record was modified again (or removed) after this entry was written.
      if (!record || record.updatedAt !== this.times[i]) continue;
      if (record.id === previousId && record.updatedAt === previousTime) continue;
      previousId = record.id;
      previousTime = record.updatedAt;
      yield record;
    }
  }
}

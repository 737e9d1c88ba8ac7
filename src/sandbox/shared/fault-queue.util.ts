/**
 * One-shot faults queued by tests ("fail the next N matching requests"), shared by both sandboxes' fault
 * injectors. Which faults exist and what a match means (HubSpot: a path substring; Salesforce: an endpoint
 * kind and a set of fault types) stays with each sandbox.
 */
export interface QueuedFault<F, S> {
  fault: F;
  /** What the fault is limited to (path fragment, endpoint kind); undefined = any request. */
  scope?: S;
  remaining: number;
}

export class FaultQueue<F, S = string> {
  private entries: QueuedFault<F, S>[] = [];

  add(fault: F, count: number, scope?: S): void {
    this.entries.push({ fault, scope, remaining: count });
  }

  /** Uses up one firing of the first queued fault that `matches`, dropping it once spent. */
  take(matches: (entry: QueuedFault<F, S>) => boolean): F | undefined {
    const index = this.entries.findIndex(matches);
    if (index < 0) return undefined;
    const entry = this.entries[index];
    entry.remaining--;
    if (entry.remaining <= 0) this.entries.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.entries = [];
  }
}

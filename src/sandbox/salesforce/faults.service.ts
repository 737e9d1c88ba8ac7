import { FaultQueue } from '../shared/fault-queue.util';
import { Rng } from '../shared/prng.util';

/**
 * Fault injection, driven by a seeded RNG so a failing run replays exactly. Request-level faults:
 * 503 SERVER_UNAVAILABLE, slow responses, hangs (no response until the client gives up or the sandbox
 * stops), dropped connections (socket destroyed). Write-level faults: UNABLE_TO_LOCK_ROW for a record,
 * and per-record failures inside sObject Collections. `failNext` queues deterministic one-shot faults.
 */
export interface FaultConfig {
  seed: number;
  serverErrorRate: number;
  slowRate: number;
  slowMs: number;
  hangRate: number;
  dropRate: number;
  lockRowRate: number;
  partialFailureRate: number;
  /** Restrict request-level rates to these endpoint kinds (empty = all kinds). */
  kinds: string[];
}

export type RequestFault = 'server-error' | 'hang' | 'drop' | 'slow' | 'lock-row' | 'session-expired';

export const DEFAULT_FAULTS: FaultConfig = {
  seed: 42,
  serverErrorRate: 0,
  slowRate: 0,
  slowMs: 0,
  hangRate: 0,
  dropRate: 0,
  lockRowRate: 0,
  partialFailureRate: 0,
  kinds: [],
};

export class FaultInjector {
  private current: FaultConfig;
  private readonly rng: Rng;
  /** Queued one-shot faults, scoped to an endpoint kind. */
  private readonly queue = new FaultQueue<RequestFault>();

  constructor(initial: Partial<FaultConfig> = {}, private readonly onExpireSessions: () => void = () => undefined) {
    this.current = { ...DEFAULT_FAULTS, ...initial };
    this.rng = new Rng(this.current.seed);
  }

  get config(): FaultConfig {
    return { ...this.current, kinds: [...this.current.kinds] };
  }

  set(patch: Partial<FaultConfig>): FaultConfig {
    this.current = { ...this.current, ...patch };
    if (patch.seed !== undefined) this.rng.reseed(patch.seed);
    return this.config;
  }

  reset(): void {
    this.current = { ...DEFAULT_FAULTS };
    this.rng.reseed(this.current.seed);
    this.queue.clear();
  }

  /** Makes the next `count` matching requests (optionally of one endpoint kind) fail with `fault`. */
  failNext(fault: RequestFault, options: { count?: number; kind?: string } = {}): void {
    this.queue.add(fault, options.count ?? 1, options.kind);
  }

  expireSessions(): void {
    this.onExpireSessions();
  }

  private takeQueued(kind: string, faults: RequestFault[]): RequestFault | undefined {
    return this.queue.take((f) => faults.includes(f.fault) && (!f.scope || f.scope === kind));
  }

  /** Request-level decision, taken after authentication and accounting. */
  decide(kind: string): { fault: 'server-error' | 'hang' | 'drop' | 'session-expired' | null; delayMs: number } {
    const queued = this.takeQueued(kind, ['server-error', 'hang', 'drop', 'slow', 'session-expired']);
    if (queued === 'slow') return { fault: null, delayMs: this.current.slowMs || 1000 };
    if (queued) return { fault: queued as 'server-error' | 'hang' | 'drop' | 'session-expired', delayMs: 0 };
    const c = this.current;
    if (c.kinds.length > 0 && !c.kinds.includes(kind)) return { fault: null, delayMs: 0 };
    if (this.rng.roll(c.dropRate)) return { fault: 'drop', delayMs: 0 };
    if (this.rng.roll(c.hangRate)) return { fault: 'hang', delayMs: 0 };
    if (this.rng.roll(c.serverErrorRate)) return { fault: 'server-error', delayMs: 0 };
    return { fault: null, delayMs: this.rng.roll(c.slowRate) ? c.slowMs : 0 };
  }

  /** Whether this record write fails with UNABLE_TO_LOCK_ROW. */
  lockRow(kind: string): boolean {
    if (this.takeQueued(kind, ['lock-row'])) return true;
    return this.rng.roll(this.current.lockRowRate);
  }

  /** Whether this record of a collection fails (partial failure). */
  partialFailure(): boolean {
    return this.rng.roll(this.current.partialFailureRate);
  }
}

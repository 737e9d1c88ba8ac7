import { SeededRng } from './rng.util';

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

interface QueuedFault {
  fault: RequestFault;
  kind?: string;
  remaining: number;
}

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
  private readonly rng: SeededRng;
  private queue: QueuedFault[] = [];

  constructor(initial: Partial<FaultConfig> = {}, private readonly onExpireSessions: () => void = () => undefined) {
    this.current = { ...DEFAULT_FAULTS, ...initial };
    this.rng = new SeededRng(this.current.seed);
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
    this.queue = [];
  }

  /** Makes the next `count` matching requests (optionally of one endpoint kind) fail with `fault`. */
  failNext(fault: RequestFault, options: { count?: number; kind?: string } = {}): void {
    this.queue.push({ fault, kind: options.kind, remaining: options.count ?? 1 });
  }

  expireSessions(): void {
    this.onExpireSessions();
  }

  private takeQueued(kind: string, faults: RequestFault[]): RequestFault | undefined {
    const q = this.queue.find((f) => faults.includes(f.fault) && (!f.kind || f.kind === kind));
    if (!q) return undefined;
    q.remaining--;
    if (q.remaining <= 0) this.queue.splice(this.queue.indexOf(q), 1);
    return q.fault;
  }

  /** Request-level decision, taken after authentication and accounting. */
  decide(kind: string): { fault: 'server-error' | 'hang' | 'drop' | 'session-expired' | null; delayMs: number } {
    const queued = this.takeQueued(kind, ['server-error', 'hang', 'drop', 'slow', 'session-expired']);
    if (queued === 'slow') return { fault: null, delayMs: this.current.slowMs || 1000 };
    if (queued) return { fault: queued as 'server-error' | 'hang' | 'drop' | 'session-expired', delayMs: 0 };
    const c = this.current;
    if (c.kinds.length > 0 && !c.kinds.includes(kind)) return { fault: null, delayMs: 0 };
    if (this.rng.chance(c.dropRate)) return { fault: 'drop', delayMs: 0 };
    if (this.rng.chance(c.hangRate)) return { fault: 'hang', delayMs: 0 };
    if (this.rng.chance(c.serverErrorRate)) return { fault: 'server-error', delayMs: 0 };
    return { fault: null, delayMs: this.rng.chance(c.slowRate) ? c.slowMs : 0 };
  }

  /** Whether this record write fails with UNABLE_TO_LOCK_ROW. */
  lockRow(kind: string): boolean {
    if (this.takeQueued(kind, ['lock-row'])) return true;
    return this.rng.chance(this.current.lockRowRate);
  }

  /** Whether this record of a collection fails (partial failure). */
  partialFailure(): boolean {
    return this.rng.chance(this.current.partialFailureRate);
  }
}

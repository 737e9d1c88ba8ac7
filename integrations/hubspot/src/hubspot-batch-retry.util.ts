/** HubSpot batch endpoints take at most 100 inputs (crm-apis-and-sync.md §2.2). */
export const BATCH_MAX = 100;
/** 207 partial failures: each failed input is retried in a later batch, at most this many rounds. */
export const PARTIAL_RETRY_ROUNDS = 4;

/** A batch response: per-input results, and on a 207 the errors naming the inputs they hit. */
export interface BatchBody {
  results?: Array<{ id: string; updatedAt?: string; properties?: Record<string, string | null>; new?: boolean }>;
  errors?: Array<{ category?: string; message?: string; context?: { ids?: string[] } }>;
}

export type BatchResult = NonNullable<BatchBody['results']>[number];

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface PartialRetryJob<T> {
  /** The inputs, keyed by the id HubSpot names in `errors[].context.ids` (one input per id). */
  inputs: Map<string, T>;
  /** One batch call of at most BATCH_MAX inputs. */
  send(batch: T[]): Promise<BatchBody>;
  /** Error categories worth another round; any other error is final for the ids it names. */
  retryable(category: string | undefined): boolean;
  onResult(result: BatchResult): void;
  onFailure(id: string, error: string): void;
  sleep(ms: number): Promise<void>;
}

/**
 * Sends the inputs in batches; when a 207 names failed ids in a retryable category, only those inputs go
 * again in the next round (after a growing pause), so inputs that succeeded are never written twice.
 * Results and final failures are reported in the order the responses name them.
 */
export async function batchWithPartialRetry<T>(job: PartialRetryJob<T>): Promise<void> {
  let pending = [...job.inputs.values()];
  for (let round = 0; round <= PARTIAL_RETRY_ROUNDS && pending.length > 0; round++) {
    if (round > 0) await job.sleep(200 * round);
    const retry: T[] = [];
    for (const batch of chunk(pending, BATCH_MAX)) {
      const body = await job.send(batch);
      for (const r of body.results ?? []) job.onResult(r);
      for (const e of body.errors ?? []) {
        const retryable = job.retryable(e.category);
        for (const id of e.context?.ids ?? []) {
          const input = job.inputs.get(id);
          if (retryable && input && round < PARTIAL_RETRY_ROUNDS) retry.push(input);
          else job.onFailure(id, `${e.category ?? 'ERROR'}: ${e.message ?? ''}`.slice(0, 500));
        }
      }
    }
    pending = retry;
  }
}

/** What one object's run did, for the CLI's --json summary, the API and tests. */
export interface SyncRunSummary {
  connection: string;
  provider: string;
  objectType: string;
  mode: string;
  status: 'running' | 'succeeded' | 'failed' | 'paused' | 'skipped';
  runId?: string;
  resumed?: boolean;
  read: number;
  upserted: number;
  deleted: number;
  quarantined: number;
  echo: number;
  apiCalls: Record<string, number>;
  /** Calls answered 429 by the CRM. */
  throttled?: number;
  droppedFields: string[];
  /** Where the run's time went: transactions committed, time in them, and time waiting for the CRM. */
  timing?: { commits: number; commitMs: number; readWaitMs: number };
  error?: string;
  authFailed?: boolean;
}

export interface SyncProgress {
  objectType: string;
  read: number;
  upserted: number;
  done: boolean;
  /** Expected total when the CRM told us (HubSpot search total, Bulk job record count). */
  total?: number;
}

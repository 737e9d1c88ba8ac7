/**
 * Org limits as `GET /services/data/vXX.X/limits` reports them (REST API Developer Guide, "Limits") and
 * the `Sforce-Limit-Info: api-usage=used/max` header sent on every response (jsforce parses it in
 * `src/connection.ts` `request()` into `conn.limitInfo`). The daily allocation is a rolling 24 h in
 * Salesforce; the sandbox keeps one counter that tests reset.
 */
export interface LimitsConfig {
  dailyApiRequests: number;
  dailyBulkV2QueryJobs: number;
  dailyBulkApiBatches: number;
  dailyBulkV2QueryFileStorageMB: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  dailyApiRequests: 15000,
  dailyBulkV2QueryJobs: 10000,
  dailyBulkApiBatches: 15000,
  dailyBulkV2QueryFileStorageMB: 976562,
};

export class ApiLimits {
  config: LimitsConfig;
  apiRequestsUsed = 0;
  bulkV2QueryJobsUsed = 0;
  bulkApiBatchesUsed = 0;

  constructor(config: Partial<LimitsConfig> = {}) {
    this.config = { ...DEFAULT_LIMITS, ...config };
  }

  set(patch: Partial<LimitsConfig> & { apiRequestsUsed?: number }): void {
    const { apiRequestsUsed, ...rest } = patch;
    this.config = { ...this.config, ...rest };
    if (apiRequestsUsed !== undefined) this.apiRequestsUsed = apiRequestsUsed;
  }

  reset(): void {
    this.apiRequestsUsed = 0;
    this.bulkV2QueryJobsUsed = 0;
    this.bulkApiBatchesUsed = 0;
  }

  get exhausted(): boolean {
    return this.apiRequestsUsed >= this.config.dailyApiRequests;
  }

  header(): string {
    return `api-usage=${this.apiRequestsUsed}/${this.config.dailyApiRequests}`;
  }

  body(): Record<string, { Max: number; Remaining: number }> {
    const entry = (max: number, used: number): { Max: number; Remaining: number } => ({ Max: max, Remaining: Math.max(0, max - used) });
    const c = this.config;
    return {
      ConcurrentAsyncGetReportInstances: entry(200, 0),
      DailyApiRequests: entry(c.dailyApiRequests, this.apiRequestsUsed),
      DailyAsyncApexExecutions: entry(250000, 0),
      DailyBulkApiBatches: entry(c.dailyBulkApiBatches, this.bulkApiBatchesUsed),
      DailyBulkV2QueryFileStorageMB: entry(c.dailyBulkV2QueryFileStorageMB, 0),
      DailyBulkV2QueryJobs: entry(c.dailyBulkV2QueryJobs, this.bulkV2QueryJobsUsed),
      DataStorageMB: entry(5, 0),
      FileStorageMB: entry(20, 0),
      HourlyTimeBasedWorkflow: entry(50, 0),
      SingleEmail: entry(15, 0),
    };
  }
}

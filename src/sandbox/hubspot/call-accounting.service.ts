export interface EndpointCalls {
  count: number;
  statuses: Record<string, number>;
}

export interface CallSnapshot {
  total: number;
  /** Requests that counted against rate limits (everything authenticated that reached the limiter). */
  counted: number;
  byEndpoint: Record<string, EndpointCalls>;
  byToken: Record<string, number>;
  byStatus: Record<string, number>;
}

/** Per-endpoint (method + route template) and per-token call counters, readable in-process and over HTTP. */
export class CallAccounting {
  private state: CallSnapshot = CallAccounting.empty();

  private static empty(): CallSnapshot {
    return { total: 0, counted: 0, byEndpoint: {}, byToken: {}, byStatus: {} };
  }

  record(endpoint: string, tokenLabel: string | undefined, status: number, counted: boolean): void {
    const s = this.state;
    s.total++;
    if (counted) s.counted++;
    const entry = (s.byEndpoint[endpoint] ??= { count: 0, statuses: {} });
    entry.count++;
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
    if (tokenLabel) s.byToken[tokenLabel] = (s.byToken[tokenLabel] ?? 0) + 1;
  }

  snapshot(): CallSnapshot {
    return JSON.parse(JSON.stringify(this.state)) as CallSnapshot;
  }

  reset(): void {
    this.state = CallAccounting.empty();
  }
}

/**
 * Counts every request the sandbox answers, per endpoint kind and per client (connected-app client id,
 * or the access token's client). Tests and benches read it in-process (`snapshot()`) or over HTTP
 * (`GET /__sandbox/calls`) to assert how many calls a sync really costs.
 */
export interface ClientCalls {
  total: number;
  byKind: Record<string, number>;
}

export interface CallSnapshot {
  total: number;
  byKind: Record<string, number>;
  byClient: Record<string, ClientCalls>;
}

export class CallAccounting {
  private total = 0;
  private byKind = new Map<string, number>();
  private byClient = new Map<string, Map<string, number>>();

  record(kind: string, client: string): void {
    this.total++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    let perClient = this.byClient.get(client);
    if (!perClient) {
      perClient = new Map();
      this.byClient.set(client, perClient);
    }
    perClient.set(kind, (perClient.get(kind) ?? 0) + 1);
  }

  count(kind: string): number {
    return this.byKind.get(kind) ?? 0;
  }

  snapshot(): CallSnapshot {
    const byClient: Record<string, ClientCalls> = {};
    for (const [client, kinds] of this.byClient) {
      byClient[client] = { total: [...kinds.values()].reduce((a, b) => a + b, 0), byKind: Object.fromEntries(kinds) };
    }
    return { total: this.total, byKind: Object.fromEntries(this.byKind), byClient };
  }

  reset(): void {
    this.total = 0;
    this.byKind = new Map();
    this.byClient = new Map();
  }
}

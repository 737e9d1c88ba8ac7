import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process; modules register their own counters through it. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly crmCalls: Counter<'provider' | 'endpoint' | 'outcome'>;
  readonly syncRecords: Counter<'provider' | 'object' | 'result'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'abm_' });
    this.httpDuration = new Histogram({ name: 'abm_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry] });
    this.crmCalls = new Counter({ name: 'abm_crm_api_calls_total', help: 'Calls made to CRM APIs', labelNames: ['provider', 'endpoint', 'outcome'], registers: [this.registry] });
    this.syncRecords = new Counter({ name: 'abm_sync_records_total', help: 'Records processed by sync', labelNames: ['provider', 'object', 'result'], registers: [this.registry] });
  }
}

import type { ApiCallEvent, CallHooks } from '../../sync/ports/crm-types';
import { NO_CALL_HOOKS } from '../../sync/ports/crm-types';

/**
 * Counts every CRM call a write-back run makes (per endpoint kind) and passes each call on to the
 * shared hooks (the sync's rate limiter and budget guard) so both features draw from one bucket.
 */
export class CountingCallHooks implements CallHooks {
  readonly byEndpoint: Record<string, number> = {};
  total = 0;

  constructor(private readonly shared: CallHooks = NO_CALL_HOOKS) {}

  async beforeCall(endpoint: string, search: boolean): Promise<void> {
    await this.shared.beforeCall(endpoint, search);
  }

  afterCall(event: ApiCallEvent): void {
    this.total++;
    this.byEndpoint[event.endpoint] = (this.byEndpoint[event.endpoint] ?? 0) + 1;
    this.shared.afterCall(event);
  }
}

import type { Provider } from '@nestjs/common';
import { bucketPolicies } from '../../sync/connections/crm-adapter.factory';
import type { CrmConnection } from '../../sync/entities/crm-connection.entity';
import { RateLimiterService } from '../../sync/limits/rate-limiter.service';
import type { CallHooks } from '../../sync/ports/crm-types';
import { SHARED_CALL_HOOKS, type SharedCallHooksProvider } from './writer-factory.service';

/**
 * Write-back draws from the same database token buckets as the sync (same keys: one CRM account = one
 * bucket however many workers or features call it), so together they never exceed the CRM's limits.
 */
export const sharedCallHooksProvider: Provider = {
  provide: SHARED_CALL_HOOKS,
  inject: [RateLimiterService],
  useFactory: (limiter: RateLimiterService): SharedCallHooksProvider => (connection: CrmConnection): CallHooks => {
    const buckets = bucketPolicies(connection);
    return {
      beforeCall: async (_endpoint, search) => {
        if (search && buckets.search) await limiter.take(buckets.search);
        await limiter.take(buckets.burst);
      },
      afterCall: () => undefined,
    };
  },
};

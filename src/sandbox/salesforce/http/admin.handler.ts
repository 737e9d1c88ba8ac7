import { SfApiError } from '../errors.util';
import { FaultConfig, RequestFault } from '../faults.service';
import { LimitsConfig } from '../limits.service';
import { AddFieldSpec } from '../store/sobject-store';
import { ApiResponse, json, SandboxServices } from './api-types';
import { toApiError } from './sobject.handler';

/**
 * Sandbox-only admin endpoints under `/__sandbox/` (no authentication, not counted): call accounting,
 * faults, limits, custom fields, and Account/Contact merge. Merge has no REST resource in Salesforce (it is
 * SOAP `merge()` / Apex `Database.merge`; jsforce has no helper), so the sandbox offers it here and as
 * `store.merge()` with the same semantics.
 */
export function handleAdmin(s: SandboxServices, method: string, path: string, body: Record<string, unknown>, expireSessions: () => void): ApiResponse {
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /__sandbox/calls':
      return json(200, s.calls.snapshot());
    case 'POST /__sandbox/calls/reset':
      s.calls.reset();
      return json(200, s.calls.snapshot());
    case 'GET /__sandbox/faults':
      return json(200, s.faults.config);
    case 'POST /__sandbox/faults':
    case 'PATCH /__sandbox/faults':
      return json(200, s.faults.set(body as Partial<FaultConfig>));
    case 'POST /__sandbox/faults/reset':
      s.faults.reset();
      return json(200, s.faults.config);
    case 'POST /__sandbox/faults/fail-next':
      s.faults.failNext(body.fault as RequestFault, { count: body.count as number | undefined, kind: body.kind as string | undefined });
      return json(200, { queued: true });
    case 'POST /__sandbox/sessions/expire':
      expireSessions();
      return json(200, { expired: true });
    case 'GET /__sandbox/limits':
      return json(200, { ...s.limits.config, apiRequestsUsed: s.limits.apiRequestsUsed });
    case 'POST /__sandbox/limits':
    case 'PATCH /__sandbox/limits':
      s.limits.set(body as Partial<LimitsConfig> & { apiRequestsUsed?: number });
      return json(200, { ...s.limits.config, apiRequestsUsed: s.limits.apiRequestsUsed });
    case 'POST /__sandbox/fields': {
      const def = s.store.addField(String(body.sobjectType), body.field as AddFieldSpec);
      return json(201, { name: def.name, type: def.type });
    }
    case 'POST /__sandbox/merge':
      try {
        s.store.merge(String(body.sobjectType), String(body.masterId), (body.loserIds as string[]) ?? [], s.store.context());
      } catch (err) {
        throw toApiError(err);
      }
      return json(200, { success: true });
    default:
      throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }
}

import { SfApiError } from '../errors.util';
import { ApiRequest, json, Route, SandboxServices } from './api-types';
import { bulk2Route } from './bulk2.handler';
import { collectionsRoute } from './collections.handler';
import { compositeRoute } from './composite.handler';
import { describeRoute } from './describe.handler';
import { queryRoute } from './query.handler';
import { replicationRoute } from './replication.handler';
import { sobjectRoute } from './sobject.handler';

/** API versions the sandbox answers (`GET /services/data`, REST API Developer Guide "Versions"). */
export const SUPPORTED_VERSIONS = ['55.0', '56.0', '57.0', '58.0', '59.0', '60.0', '61.0', '62.0'];
const LABELS: Record<string, string> = {
  '55.0': "Summer '22", '56.0': "Winter '23", '57.0': "Spring '23", '58.0': "Summer '23",
  '59.0': "Winter '24", '60.0': "Spring '24", '61.0': "Summer '24", '62.0': "Winter '25",
};

export function versionsBody(): Array<Record<string, string>> {
  return SUPPORTED_VERSIONS.map((v) => ({ label: LABELS[v], url: `/services/data/v${v}`, version: v }));
}

export interface RouterOptions {
  defaultMaxRecords: number;
}

/** Finds the route for a request under /services/data/vXX.X/ (undefined = 404). */
export function findRoute(s: SandboxServices, req: ApiRequest, opts: RouterOptions): Route | undefined {
  const [head] = req.segments;
  if (head === undefined || head === '') {
    if (req.method !== 'GET') return undefined;
    const base = `/services/data/v${req.version}`;
    return {
      kind: 'resources',
      handle: () => json(200, Object.fromEntries(['sobjects', 'query', 'queryAll', 'limits', 'composite', 'jobs'].map((r) => [r, `${base}/${r}`]))),
    };
  }
  if (head === 'limits' && req.segments.length === 1 && req.method === 'GET') {
    return { kind: 'limits', handle: () => json(200, s.limits.body()) };
  }
  return (
    queryRoute(s, req) ??
    replicationRoute(s, req) ??
    describeRoute(s, req) ??
    sobjectRoute(s, req) ??
    collectionsRoute(s, req) ??
    compositeRoute(s, req) ??
    bulk2Route(s, req, opts)
  );
}

/** Composite subrequests: same routes, no accounting, no injected faults. */
export async function dispatchInternal(s: SandboxServices, req: ApiRequest, opts: RouterOptions) {
  if (!SUPPORTED_VERSIONS.includes(req.version)) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const route = findRoute(s, req, opts);
  if (!route || route.kind === 'composite') throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return route.handle(req);
}

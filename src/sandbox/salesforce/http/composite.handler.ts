import { SfApiError } from '../errors.util';
import { ApiRequest, ApiResponse, json, parseJsonBody, Route, SandboxServices } from './api-types';

/**
 * Composite (`POST /composite`), REST API Developer Guide "Composite": up to 25 subrequests, of which at
 * most 5 may be sObject Collections or query operations (API 43.0+); the whole request counts as ONE API
 * call. `@{referenceId.path}` in a URL or body reads an earlier subrequest's result (`@{newAccount.id}`,
 * `@{q.records[0].Id}`). With `allOrNone: true` the first failure rolls back every subrequest: the failing
 * one keeps its error, the others answer 400 PROCESSING_HALTED. Without it, subrequests that reference a
 * failed one are halted. The limit errors' wording is the sandbox's own (Salesforce's text is not documented).
 */
const MAX_SUBREQUESTS = 25;
const MAX_COLLECTION_OR_QUERY = 5;
const HALTED_ROLLBACK = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

function lookupPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split('.').flatMap((p) => p.split(/\[(\d+)\]/).filter((x) => x !== ''))) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

class ReferenceError extends Error {}

function substitute(text: string, results: Map<string, SubResponse>): string {
  return text.replace(/@\{([A-Za-z0-9_]+)((?:\.[^}]*)?)\}/g, (_m, ref: string, path: string) => {
    const prior = results.get(ref);
    const v = prior && prior.httpStatusCode < 400 ? lookupPath(prior.body, path.replace(/^\./, '')) : undefined;
    if (v === undefined || v === null) throw new ReferenceError(`Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_').`);
    return String(v);
  });
}

function isCollectionOrQuery(url: string): boolean {
  return /\/(composite\/sobjects|query|queryAll)(\/|\?|$)/.test(url);
}

async function runSub(s: SandboxServices, parent: ApiRequest, sub: SubRequest, results: Map<string, SubResponse>): Promise<SubResponse> {
  let url: string;
  let bodyText: string;
  try {
    url = substitute(sub.url, results);
    bodyText = sub.body === undefined ? '' : substitute(JSON.stringify(sub.body), results);
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    return { body: [{ errorCode: 'PROCESSING_HALTED', message: err.message }], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId };
  }
  const parsed = new URL(url, 'http://sandbox.invalid');
  const m = /^\/services\/data\/v(\d+\.\d)\/(.*)$/.exec(parsed.pathname);
  if (!m) throw new SfApiError(400, 'INVALID_BATCH_REQUEST', `Invalid subrequest url: ${sub.url}`);
  const req: ApiRequest = {
    ...parent,
    method: sub.method.toUpperCase(),
    version: m[1],
    segments: m[2].split('/').map(decodeURIComponent),
    query: parsed.searchParams,
    headers: { ...parent.headers, ...Object.fromEntries(Object.entries(sub.httpHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v])) },
    body: Buffer.from(bodyText),
    internal: true,
  };
  let res: ApiResponse;
  try {
    res = await s.dispatch(req);
  } catch (err) {
    if (!(err instanceof SfApiError)) throw err;
    return { body: err.toBody(), httpHeaders: {}, httpStatusCode: err.status, referenceId: sub.referenceId };
  }
  const httpHeaders: Record<string, string> = {};
  const id = (res.body as { id?: string } | undefined)?.id;
  if (res.status === 201 && id) httpHeaders.Location = `/services/data/v${m[1]}/sobjects/${req.segments[1]}/${id}`;
  return { body: res.body ?? null, httpHeaders, httpStatusCode: res.status, referenceId: sub.referenceId };
}

export function compositeRoute(s: SandboxServices, req: ApiRequest): Route | undefined {
  if (req.method !== 'POST' || req.segments.length !== 1 || req.segments[0] !== 'composite') return undefined;
  return {
    kind: 'composite',
    handle: async () => {
      const body = parseJsonBody(req) as { allOrNone?: boolean; compositeRequest?: SubRequest[] } | undefined;
      const subs = body?.compositeRequest;
      if (!Array.isArray(subs) || subs.length === 0) throw new SfApiError(400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete.');
      if (subs.length > MAX_SUBREQUESTS) throw new SfApiError(400, 'INVALID_BATCH_REQUEST', `A composite request can contain at most ${MAX_SUBREQUESTS} subrequests.`);
      if (subs.filter((x) => isCollectionOrQuery(x.url)).length > MAX_COLLECTION_OR_QUERY) {
        throw new SfApiError(400, 'INVALID_BATCH_REQUEST', `A composite request can contain at most ${MAX_COLLECTION_OR_QUERY} sObject Collections or query subrequests.`);
      }
      const seen = new Set<string>();
      for (const sub of subs) {
        if (!sub.referenceId || !/^[A-Za-z0-9][A-Za-z0-9_]*$/.test(sub.referenceId) || seen.has(sub.referenceId)) {
          throw new SfApiError(400, 'INVALID_BATCH_REQUEST', `Invalid or duplicate referenceId: ${String(sub.referenceId)}`);
        }
        seen.add(sub.referenceId);
      }
      const allOrNone = body?.allOrNone === true;
      const tx = s.store.begin();
      const results = new Map<string, SubResponse>();
      const out: SubResponse[] = [];
      let failedAt = -1;
      try {
        for (let i = 0; i < subs.length; i++) {
          const r = await runSub(s, req, subs[i], results);
          results.set(subs[i].referenceId, r);
          out.push(r);
          if (r.httpStatusCode >= 400 && allOrNone) {
            failedAt = i;
            break;
          }
        }
      } catch (err) {
        tx.rollback();
        throw err;
      }
      if (failedAt >= 0) {
        tx.rollback();
        const halted = (sub: SubRequest): SubResponse => ({ body: HALTED_ROLLBACK, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
        return json(200, { compositeResponse: subs.map((sub, i) => (i === failedAt ? out[i] : halted(sub))) });
      }
      tx.commit();
      return json(200, { compositeResponse: out });
    },
  };
}

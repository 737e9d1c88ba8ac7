import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Session } from '../auth/oauth.service';
import type { CallAccounting } from '../call-accounting.service';
import type { FaultInjector } from '../faults.service';
import type { ApiLimits } from '../limits.service';
import type { SoqlExecutor } from '../soql/soql-executor';
import type { SObjectStore, WriteContext } from '../store/sobject-store';
import type { BulkJobs } from '../bulk/bulk-jobs.service';
import type { QueryCursors } from './query-cursors.service';

/** One authenticated request under /services/data/vXX.X/ (or a composite subrequest). */
export interface ApiRequest {
  method: string;
  /** Path segments after the version, e.g. ['sobjects', 'Account', '001...']. */
  segments: string[];
  version: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  session: Session;
  ctx: WriteContext;
  /** True for composite subrequests (not counted as separate API calls). */
  internal: boolean;
}

export interface ApiResponse {
  status: number;
  /** JSON body. */
  body?: unknown;
  /** Streamed body (Bulk CSV results); gzip-compressed by the server when the client accepts it. */
  stream?: Readable;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Route {
  /** Endpoint kind for call accounting: query, queryMore, sobject-collections, bulk2-results, ... */
  kind: string;
  handle: (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;
}

export interface SandboxServices {
  store: SObjectStore;
  executor: SoqlExecutor;
  cursors: QueryCursors;
  bulk: BulkJobs;
  faults: FaultInjector;
  limits: ApiLimits;
  calls: CallAccounting;
  /** Dispatches a composite subrequest through the same routes. */
  dispatch: (req: ApiRequest) => Promise<ApiResponse>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({ status, body, headers });

export function parseJsonBody(req: ApiRequest): unknown {
  const text = req.body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    return { __jsonError: (err as Error).message };
  }
}

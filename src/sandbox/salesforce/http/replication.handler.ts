import { SfApiError } from '../errors.util';
import { formatDateTime, parseDateTimeSeconds } from '../store/value-codec.util';
import { ApiRequest, json, Route, SandboxServices } from './api-types';

/**
 * Get Updated / Get Deleted (`/sobjects/{type}/updated/?start=&end=`, `/deleted/?start=&end=`), REST API
 * Developer Guide "Get a List of Updated Records" / "... Deleted Records". Both work at minute granularity
 * (seconds are truncated; `latestDateCovered` is the end rounded down to the minute), updated uses
 * SystemModstamp, start may be at most 30 days (updated) / 15 days (deleted, the recycle-bin window) in the
 * past, and at most 600,000 Ids are returned (EXCEEDED_ID_LIMIT). jsforce: `connection.updated()` /
 * `deleted()`, which send `start`/`end` formatted by `formatDate`.
 */
const MINUTE = 60;
const DAY = 86400;
const MAX_IDS = 600000;

function parseParam(req: ApiRequest, name: string): number {
  const raw = req.query.get(name);
  if (!raw) throw new SfApiError(400, 'MISSING_ARGUMENT', `${name} is required`);
  const s = parseDateTimeSeconds(raw.replace(' ', '+'));
  if (s === undefined) throw new SfApiError(400, 'INVALID_REPLICATION_DATE', `${name} is not a valid dateTime: ${raw}`);
  return s;
}

function window(s: SandboxServices, req: ApiRequest, maxDays: number): { start: number; end: number } {
  const start = Math.floor(parseParam(req, 'start') / MINUTE) * MINUTE;
  const end = Math.floor(parseParam(req, 'end') / MINUTE) * MINUTE;
  const now = s.store.nowSeconds();
  if (end < start) throw new SfApiError(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate by more than one minute');
  if (start < now - maxDays * DAY) {
    throw new SfApiError(400, 'INVALID_REPLICATION_DATE', `startDate cannot be more than ${maxDays} days ago`);
  }
  return { start, end: Math.min(end, Math.floor(now / MINUTE) * MINUTE) };
}

export function replicationRoute(s: SandboxServices, req: ApiRequest): Route | undefined {
  const [head, type, action, extra] = req.segments;
  if (head !== 'sobjects' || req.method !== 'GET' || (action !== 'updated' && action !== 'deleted') || (extra !== undefined && extra !== '')) return undefined;
  if (action === 'updated') {
    return {
      kind: 'updated',
      handle: () => {
        const t = s.store.requireTable(type);
        const { start, end } = window(s, req, 30);
        const ids: string[] = [];
        for (const row of t.rows) {
          if (!row || row[t.colIsDeleted] === true) continue;
          const ts = row[t.colSystemModstamp] as number;
          if (ts >= start && ts < end) ids.push(row[t.colId] as string);
        }
        if (ids.length > MAX_IDS) throw new SfApiError(400, 'EXCEEDED_ID_LIMIT', 'Too many ids were requested');
        return json(200, { ids, latestDateCovered: formatDateTime(end) });
      },
    };
  }
  return {
    kind: 'deleted',
    handle: () => {
      const t = s.store.requireTable(type);
      const { start, end } = window(s, req, 15);
      const deletedRecords: Array<{ id: string; deletedDate: string }> = [];
      let earliest = end;
      for (const [id, at] of t.deletedAt) {
        earliest = Math.min(earliest, at);
        if (at >= start && at < end) deletedRecords.push({ id, deletedDate: formatDateTime(at) });
      }
      if (deletedRecords.length > MAX_IDS) throw new SfApiError(400, 'EXCEEDED_ID_LIMIT', 'Too many ids were requested');
      return json(200, { deletedRecords, earliestDateAvailable: formatDateTime(Math.floor(earliest / MINUTE) * MINUTE), latestDateCovered: formatDateTime(end) });
    },
  };
}

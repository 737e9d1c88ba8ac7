import { RecordValidationError, recordError, SfApiError } from '../errors.util';
import { isWellFormedId, to18 } from '../id.util';
import { SObjectTable } from '../store/sobject-table';
import { ApiRequest, ApiResponse, json, parseJsonBody, Route, SandboxServices } from './api-types';

/**
 * sObject Rows (`/sobjects/{type}/{id}` GET/PATCH/DELETE), create (`POST /sobjects/{type}`) and
 * sObject Rows by External ID (`/sobjects/{type}/{field}/{value}` GET/PATCH = upsert), REST API
 * Developer Guide. Create answers 201 `{id, success, errors}`; update/delete answer 204 (jsforce substitutes
 * its `noContentResponse`, `src/connection.ts` `_updateSingle`). Upsert answers 201 with `created: true`
 * when it inserts and 204 when it updates. Record-level failures become a 400 error array.
 */
export function toApiError(err: unknown): unknown {
  if (err instanceof RecordValidationError) {
    const { statusCode, message, fields } = err.error;
    return new SfApiError(400, statusCode, message, fields);
  }
  return err;
}

export function readRecordBody(req: ApiRequest): Record<string, unknown> {
  const body = parseJsonBody(req);
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SfApiError(400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete.');
  }
  if ('__jsonError' in body) throw new SfApiError(400, 'JSON_PARSER_ERROR', String((body as { __jsonError: string }).__jsonError));
  return body as Record<string, unknown>;
}

/** UNABLE_TO_LOCK_ROW fault for one record write (the message Salesforce gives under row-lock contention). */
export function maybeLockRow(s: SandboxServices, kind: string, id: string | undefined): void {
  if (s.faults.lockRow(kind)) {
    throw recordError('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id ?? ''}`.trim(), []);
  }
}

function wrap(fn: () => ApiResponse): ApiResponse {
  try {
    return fn();
  } catch (err) {
    throw toApiError(err);
  }
}

function rowFor(t: SObjectTable, rawId: string): ReturnType<SObjectTable['rowById']> {
  return isWellFormedId(rawId) ? t.rowById(to18(rawId)) : undefined;
}

function retrieve(s: SandboxServices, req: ApiRequest, t: SObjectTable, rawId: string): ApiResponse {
  const row = rowFor(t, rawId);
  if (!row) {
    if (!isWellFormedId(rawId)) throw new SfApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${rawId}`);
    throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }
  if (t.isDeleted(row)) throw new SfApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  const fieldsParam = req.query.get('fields');
  const fields = fieldsParam
    ? fieldsParam.split(',').map((name) => {
        const f = t.field(name.trim());
        if (!f) throw new SfApiError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on sobject of type ${t.name}`);
        return f;
      })
    : undefined;
  return json(200, s.store.toApiRecord(t, row, req.version, fields));
}

function requireExisting(t: SObjectTable, rawId: string): void {
  if (!isWellFormedId(rawId)) {
    throw new SfApiError(400, 'MALFORMED_ID', `${t.def.label} ID: id value of incorrect type: ${rawId}`, ['Id']);
  }
  const row = t.rowById(to18(rawId));
  if (!row) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (t.isDeleted(row)) throw new SfApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
}

export function sobjectRoute(s: SandboxServices, req: ApiRequest): Route | undefined {
  const [head, type, second, third, extra] = req.segments;
  if (head !== 'sobjects' || !type || extra !== undefined) return undefined;
  if (second === 'describe' || second === 'updated' || second === 'deleted') return undefined;
  const m = req.method;
  if (second === undefined || second === '') {
    if (m !== 'POST') return undefined;
    return {
      kind: 'sobject-create',
      handle: () => wrap(() => {
        const t = s.store.requireTable(type);
        const input = readRecordBody(req);
        maybeLockRow(s, 'sobject-create', undefined);
        const id = s.store.create(t.name, input, req.ctx);
        return json(201, { id, success: true, errors: [] });
      }),
    };
  }
  if (third === undefined) {
    const id = second;
    if (m === 'GET') return { kind: 'sobject-retrieve', handle: () => retrieve(s, req, s.store.requireTable(type), id) };
    if (m === 'PATCH') {
      return {
        kind: 'sobject-update',
        handle: () => wrap(() => {
          const t = s.store.requireTable(type);
          requireExisting(t, id);
          const input = readRecordBody(req);
          maybeLockRow(s, 'sobject-update', id);
          s.store.update(t.name, id, input, req.ctx);
          return { status: 204 };
        }),
      };
    }
    if (m === 'DELETE') {
      return {
        kind: 'sobject-delete',
        handle: () => wrap(() => {
          const t = s.store.requireTable(type);
          requireExisting(t, id);
          maybeLockRow(s, 'sobject-delete', id);
          s.store.delete(t.name, id, req.ctx);
          return { status: 204 };
        }),
      };
    }
    return undefined;
  }
  // /sobjects/{type}/{externalIdField}/{value}
  const extField = second;
  const extValue = decodeURIComponent(third);
  if (m === 'GET') {
    return {
      kind: 'sobject-retrieve',
      handle: () => {
        const t = s.store.requireTable(type);
        const f = t.field(extField);
        if (!f || !(f.externalId || f.type === 'id')) throw new SfApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${extField}`);
        const pos = f.type === 'id' ? t.position(to18(extValue)) : t.findUnique(f, extValue);
        const row = pos === undefined ? undefined : t.rows[pos];
        if (!row || t.isDeleted(row)) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        return json(200, s.store.toApiRecord(t, row, req.version));
      },
    };
  }
  if (m === 'PATCH') {
    return {
      kind: 'sobject-upsert',
      handle: () => wrap(() => {
        const t = s.store.requireTable(type);
        const input = readRecordBody(req);
        maybeLockRow(s, 'sobject-upsert', undefined);
        const { id, created } = s.store.upsert(t.name, extField, extValue, input, req.ctx);
        return created ? json(201, { id, success: true, errors: [], created: true }) : { status: 204 };
      }),
    };
  }
  return undefined;
}

import { RecordError, RecordValidationError, SfApiError } from '../errors.util';
import { isWellFormedId, to18 } from '../id.util';
import { ApiRequest, ApiResponse, json, parseJsonBody, Route, SandboxServices } from './api-types';
import { maybeLockRow } from './sobject.handler';

/**
 * sObject Collections (`/composite/sobjects`), REST API Developer Guide: create (POST), update (PATCH),
 * upsert (PATCH `/composite/sobjects/{type}/{extIdField}`), delete (DELETE `?ids=&allOrNone=`), retrieve
 * (POST `/composite/sobjects/{type}` with `{ids, fields}`, or GET `?ids=&fields=`). At most 200 records; the
 * response is always 200 with one `{id, success, errors:[{statusCode, message, fields}]}` per record in
 * request order. With `allOrNone: true` one failure rolls back everything: the failing records keep
 * their error and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
const MAX_RECORDS = 200;
const ROLLED_BACK: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

interface Outcome {
  id: string | null;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

type RecordOp = (index: number) => { id: string; created?: boolean };

function runAll(s: SandboxServices, count: number, allOrNone: boolean, op: RecordOp, ids: Array<string | null>, withCreated: boolean): Outcome[] {
  const tx = s.store.begin();
  const outcomes: Outcome[] = [];
  let failed = false;
  for (let i = 0; i < count; i++) {
    const inner = s.store.begin();
    try {
      if (!allOrNone && s.faults.partialFailure()) {
        throw new RecordValidationError({ statusCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)', fields: [] });
      }
      maybeLockRow(s, 'sobject-collections', ids[i] ?? undefined);
      const r = op(i);
      inner.commit();
      outcomes.push(withCreated ? { id: r.id, success: true, errors: [], created: r.created ?? false } : { id: r.id, success: true, errors: [] });
    } catch (err) {
      inner.rollback();
      if (!(err instanceof RecordValidationError)) {
        tx.rollback();
        throw err;
      }
      failed = true;
      outcomes.push({ id: ids[i], success: false, errors: [err.error] });
    }
  }
  if (allOrNone && failed) {
    tx.rollback();
    return outcomes.map((o) => (o.success ? { id: null, success: false, errors: [ROLLED_BACK] } : { ...o, id: o.id }));
  }
  tx.commit();
  return outcomes;
}

function readPayload(req: ApiRequest): { allOrNone: boolean; records: Array<Record<string, unknown>> } {
  const body = parseJsonBody(req) as { allOrNone?: boolean; records?: Array<Record<string, unknown>>; __jsonError?: string } | undefined;
  if (!body || body.__jsonError || !Array.isArray(body.records)) throw new SfApiError(400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete.');
  if (body.records.length > MAX_RECORDS) {
    throw new SfApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  }
  return { allOrNone: body.allOrNone === true, records: body.records };
}

function typeOf(rec: Record<string, unknown>): string {
  const t = (rec.attributes as { type?: string } | undefined)?.type;
  if (!t) throw new SfApiError(400, 'INVALID_FIELD', 'No sObject type found in attributes (attributes.type is required)');
  return t;
}

/** Whole-request checks before any record is written (unknown type or field = the request fails). */
function precheck(s: SandboxServices, records: Array<Record<string, unknown>>): void {
  const types = new Set<string>();
  for (const rec of records) {
    const t = s.store.requireTable(typeOf(rec));
    types.add(t.name);
    for (const key of Object.keys(rec)) {
      if (key !== 'attributes' && key !== 'Id' && key !== 'id' && !t.field(key)) {
        throw new SfApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${t.name}`);
      }
    }
  }
  if (types.size > 10) throw new SfApiError(400, 'INVALID_BATCH_REQUEST', 'Too many sObject types in one request (maximum 10)');
}

function withoutMeta(rec: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...rec };
  delete rest.attributes;
  delete rest.Id;
  delete rest.id;
  return rest;
}

function recordId(rec: Record<string, unknown>): string | null {
  const id = (rec.id ?? rec.Id) as string | undefined;
  return id ? (isWellFormedId(id) ? to18(id) : id) : null;
}

export function collectionsRoute(s: SandboxServices, req: ApiRequest): Route | undefined {
  const [head, sub, type, extField, extra] = req.segments;
  if (head !== 'composite' || sub !== 'sobjects' || extra !== undefined) return undefined;
  const kind = 'sobject-collections';
  const m = req.method;
  if (type === undefined || type === '') {
    if (m === 'POST') {
      return { kind, handle: () => {
        const { allOrNone, records } = readPayload(req);
        precheck(s, records);
        const ids = records.map(() => null);
        return json(200, runAll(s, records.length, allOrNone, (i) => ({ id: s.store.create(typeOf(records[i]), withoutMeta(records[i]), req.ctx) }), ids, false));
      } };
    }
    if (m === 'PATCH') {
      return { kind, handle: () => {
        const { allOrNone, records } = readPayload(req);
        precheck(s, records);
        const ids = records.map(recordId);
        return json(200, runAll(s, records.length, allOrNone, (i) => {
          const id = ids[i];
          if (!id) throw new RecordValidationError({ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] });
          return { id: s.store.update(typeOf(records[i]), id, withoutMeta(records[i]), req.ctx) };
        }, ids, false));
      } };
    }
    if (m === 'DELETE') {
      return { kind, handle: () => {
        const ids = (req.query.get('ids') ?? '').split(',').filter((x) => x !== '');
        if (ids.length > MAX_RECORDS) throw new SfApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
        const allOrNone = req.query.get('allOrNone') === 'true';
        const norm = ids.map((id) => (isWellFormedId(id) ? to18(id) : id));
        return json(200, runAll(s, ids.length, allOrNone, (i) => {
          const t = s.store.allTables().find((x) => x.keyPrefix === norm[i].slice(0, 3));
          if (!t || !isWellFormedId(norm[i])) throw new RecordValidationError({ statusCode: 'MALFORMED_ID', message: `malformed id ${ids[i]}`, fields: [] });
          return { id: s.store.delete(t.name, norm[i], req.ctx) };
        }, norm, false));
      } };
    }
    return undefined;
  }
  if (extField === undefined && (m === 'POST' || m === 'GET')) {
    return { kind, handle: (): ApiResponse => {
      const t = s.store.requireTable(type);
      const body = m === 'POST' ? (parseJsonBody(req) as { ids?: string[]; fields?: string[] }) : { ids: req.query.get('ids')?.split(','), fields: req.query.get('fields')?.split(',') };
      const fields = (body.fields ?? []).map((name) => {
        const f = t.field(name);
        if (!f) throw new SfApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${t.name}`);
        return f;
      });
      return json(200, (body.ids ?? []).map((id) => {
        const row = isWellFormedId(id) ? t.rowById(to18(id)) : undefined;
        return row && !t.isDeleted(row) ? s.store.toApiRecord(t, row, req.version, fields) : null;
      }));
    } };
  }
  if (extField !== undefined && m === 'PATCH') {
    return { kind, handle: () => {
      const { allOrNone, records } = readPayload(req);
      precheck(s, records);
      return json(200, runAll(s, records.length, allOrNone, (i) => {
        const value = records[i][extField];
        if (value === undefined || value === null) throw new RecordValidationError({ statusCode: 'MISSING_ARGUMENT', message: `${extField} not specified`, fields: [] });
        return s.store.upsert(type, extField, String(value), withoutMeta(records[i]), req.ctx);
      }, records.map(() => null), true));
    } };
  }
  return undefined;
}

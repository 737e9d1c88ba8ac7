import { validationError, standardError, type StandardError } from '../hubspot-errors.util';
import { toPublicObject } from '../record-view.util';
import { sourceOf, type SandboxDeps } from '../sandbox-deps.types';
import type { RequestContext, RouteResult, SandboxRouter } from '../sandbox-router';
import type { TypeStore } from '../type-store';
import { applyCreateAssociations, checkUnique, findRecord, writtenView } from './objects.routes';
import { BatchReply, checkBatchSize, isObject, objectBody, propertiesOf, stringArray } from './route-helpers.util';

const BATCH_MAX = 100;

/**
 * A batch naming the same record twice is rejected as a whole (segmentio/action-destinations PR #3969
 * quotes the live error: "Duplicate IDs found in batch input: [...]. IDs must be unique").
 */
function rejectDuplicates(ids: string[]): void {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const id of ids) {
    const key = id.toLowerCase();
    if (seen.has(key)) dupes.add(id);
    seen.add(key);
  }
  if (dupes.size > 0) throw validationError(`Duplicate IDs found in batch input: [${[...dupes].join(', ')}]. IDs must be unique`, { context: { ids: [...dupes] } });
}

function notFoundError(store: TypeStore, ids: string[]): StandardError {
  return standardError('OBJECT_NOT_FOUND', `Could not get some ${store.def.singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`, { ids });
}

/**
 * Inputs of batch update/upsert: each names a record by string id; duplicates and invalid properties
 * reject the whole batch before anything is written.
 */
function parseIdWrites(deps: SandboxDeps, store: TypeStore, body: unknown): { inputs: Record<string, unknown>[]; ids: string[]; parsed: Record<string, string | null>[] } {
  const inputs = checkBatchSize(objectBody(body).inputs, BATCH_MAX).map((input) => objectBody(input));
  const ids = inputs.map((input) => {
    if (typeof input.id !== 'string') throw validationError('Invalid input JSON: every input needs a string id');
    return input.id;
  });
  rejectDuplicates(ids);
  const parsed = inputs.map((input) => propertiesOf(input.properties));
  for (const properties of parsed) deps.store.validateWrite(store, properties);
  return { inputs, ids, parsed };
}

export function registerBatchRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const base = '/crm/v3/objects/{objectType}/batch';
  const partialFailure = (): boolean => deps.faults.roll(deps.faults.config.partialBatchRate);
  const transientError = (id: string): StandardError =>
    standardError('INTERNAL_ERROR', 'An internal error occurred while processing this input; retry it.', { ids: [id] });

  /** `POST {base}/{action}`: the object type resolved, the reply timed from the start of the request. */
  const batchRoute = (action: string, handle: (ctx: RequestContext, store: TypeStore, reply: BatchReply) => RouteResult): void => {
    router.add({
      method: 'POST',
      template: `${base}/${action}`,
      auth: 'token',
      handler: (ctx) => {
        const reply = new BatchReply(deps.clock);
        return handle(ctx, deps.store.typeStore(ctx.params.objectType), reply);
      },
    });
  };

  batchRoute('read', (ctx, store, reply) => {
    const body = objectBody(ctx.body);
    const propertiesWithHistory = stringArray(body.propertiesWithHistory, 'propertiesWithHistory');
    // Batch read with propertiesWithHistory is limited to 50 inputs (PipedreamHQ/pipedream PR #8462).
    const inputs = checkBatchSize(body.inputs, propertiesWithHistory && propertiesWithHistory.length > 0 ? 50 : BATCH_MAX);
    const idProperty = typeof body.idProperty === 'string' ? body.idProperty : null;
    const archived = ctx.query.get('archived') === 'true';
    const selection = { properties: stringArray(body.properties, 'properties'), propertiesWithHistory };
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      const id = isObject(input) && typeof input.id === 'string' ? input.id : undefined;
      if (id === undefined) throw validationError('Invalid input JSON: every input needs a string id');
      if (seen.has(id)) continue;
      seen.add(id);
      const record = findRecord(store, id, idProperty, archived);
      if (record) reply.results.push(toPublicObject(store, record, selection));
      else missing.push(id);
    }
    if (missing.length > 0) reply.errors.push(notFoundError(store, missing));
    return reply.send(200);
  });

  batchRoute('create', (ctx, store, reply) => {
    const inputs = checkBatchSize(objectBody(ctx.body).inputs, BATCH_MAX).map((input) => objectBody(input));
    const parsed = inputs.map((input) => propertiesOf(input.properties ?? {}));
    // The whole batch fails on an invalid property, before anything is written.
    for (const properties of parsed) {
      deps.store.validateWrite(store, properties);
      checkUnique(store, properties);
    }
    const source = sourceOf(ctx.principal);
    parsed.forEach((properties, index) => {
      if (partialFailure()) {
        reply.errors.push(transientError(`input-${index}`));
        return;
      }
      const record = deps.store.create(store.def.name, properties, source);
      applyCreateAssociations(deps, store, record.id, inputs[index].associations, source);
      const view: Record<string, unknown> = { ...writtenView(store, record, properties) };
      if (typeof inputs[index].objectWriteTraceId === 'string') view.objectWriteTraceId = inputs[index].objectWriteTraceId;
      reply.results.push(view);
    });
    return reply.send(201);
  });

  batchRoute('update', (ctx, store, reply) => {
    const { inputs, ids, parsed } = parseIdWrites(deps, store, ctx.body);
    const source = sourceOf(ctx.principal);
    const missing: string[] = [];
    inputs.forEach((input, index) => {
      const idProperty = typeof input.idProperty === 'string' ? input.idProperty : null;
      const record = findRecord(store, ids[index], idProperty);
      if (!record) return void missing.push(ids[index]);
      if (partialFailure()) return void reply.errors.push(transientError(ids[index]));
      checkUnique(store, parsed[index], record.id);
      deps.store.update(store.def.name, record.id, parsed[index], source);
      reply.results.push(writtenView(store, record, parsed[index]));
    });
    if (missing.length > 0) reply.errors.unshift(notFoundError(store, missing));
    return reply.send(200);
  });

  batchRoute('upsert', (ctx, store, reply) => {
    const { inputs, ids, parsed } = parseIdWrites(deps, store, ctx.body);
    const source = sourceOf(ctx.principal);
    inputs.forEach((input, index) => {
      if (partialFailure()) return void reply.errors.push(transientError(ids[index]));
      const idProperty = typeof input.idProperty === 'string' ? input.idProperty : null;
      const existing = findRecord(store, ids[index], idProperty);
      if (existing) {
        deps.store.update(store.def.name, existing.id, parsed[index], source);
        reply.results.push({ ...writtenView(store, existing, parsed[index]), new: false });
        return;
      }
      if (!idProperty || idProperty === 'hs_object_id') return void reply.errors.push(notFoundError(store, [ids[index]]));
      const properties = { ...parsed[index], [idProperty]: ids[index] };
      const record = deps.store.create(store.def.name, properties, source);
      reply.results.push({ ...writtenView(store, record, properties), new: true });
    });
    return reply.send(200);
  });

  router.add({
    method: 'POST',
    template: `${base}/archive`,
    auth: 'token',
    handler: (ctx) => {
      const store = deps.store.typeStore(ctx.params.objectType);
      const inputs = checkBatchSize(objectBody(ctx.body).inputs, BATCH_MAX);
      const ids = inputs.map((input) => (isObject(input) && typeof input.id === 'string' ? input.id : ''));
      rejectDuplicates(ids);
      const source = sourceOf(ctx.principal);
      for (const id of ids) {
        const record = findRecord(store, id, null);
        if (record) deps.store.archive(store.def.name, record.id, source);
      }
      return { status: 204 };
    },
  });
}

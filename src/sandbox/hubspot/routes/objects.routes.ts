import { HubspotHttpError, errorBody, notFound, validationError } from '../hubspot-errors.util';
import { toPublicObject } from '../record-view.util';
import { sourceOf, type SandboxDeps } from '../sandbox-deps.types';
import type { RequestContext, SandboxRouter } from '../sandbox-router';
import type { CompactRecord, TypeStore } from '../type-store';
import type { ChangeSource } from '../hubspot-store';
import { associationSelection, boolParam, intParam, isArchivedFn, isObject, listParam, objectBody, propertiesOf } from './route-helpers.util';

/** Associations given inline on create (`associations: [{ to: {id}, types: [{associationCategory, associationTypeId}] }]`). */
export function applyCreateAssociations(deps: SandboxDeps, from: TypeStore, fromId: number, associations: unknown, source: ChangeSource): void {
  if (associations === undefined) return;
  if (!Array.isArray(associations)) throw validationError('Invalid input JSON: associations must be an array');
  for (const entry of associations) {
    const toId = isObject(entry) && isObject(entry.to) ? Number(entry.to.id) : NaN;
    const types = isObject(entry) && Array.isArray(entry.types) ? entry.types : [];
    for (const spec of types) {
      const typeId = isObject(spec) ? Number(spec.associationTypeId) : NaN;
      const def = deps.store.associations.type(typeId);
      if (!def || def.fromTypeId !== from.def.objectTypeId) throw validationError(`${typeId} is not a valid association type id from ${from.def.singular}`);
      const to = deps.store.typeStore(def.toTypeId);
      if (!deps.store.get(def.toTypeId, toId)) throw validationError(`No ${to.def.singular} with ID ${String(toId)} exists`);
      deps.store.associate(typeId, from, fromId, to, toId, source);
    }
  }
}

/** The record a path id points to, honouring `idProperty` (unique-value property such as `email`). */
export function findRecord(store: TypeStore, id: string, idProperty: string | null, archived = false): CompactRecord | undefined {
  if (idProperty && idProperty !== 'hs_object_id') {
    const def = store.properties.get(idProperty);
    if (!def || !def.hasUniqueValue) throw validationError(`${idProperty} is not a unique property and cannot be used as idProperty`);
    return archived ? undefined : store.findByUnique(idProperty, id);
  }
  if (!/^\d+$/.test(id)) return undefined;
  const record = store.byId.get(Number(id));
  return record && Boolean(record.archivedAt) === archived ? record : undefined;
}

/** 409 the live API returns when a unique value (e.g. a contact email) is already taken. */
export function checkUnique(store: TypeStore, properties: Record<string, string | null>, selfId?: number): void {
  for (const [name, value] of Object.entries(properties)) {
    if (!value || !store.properties.get(name)?.hasUniqueValue) continue;
    const existing = store.findByUnique(name, value);
    if (existing && existing.id !== selfId) {
      throw new HubspotHttpError(409, errorBody('CONFLICT', `${store.def.singular === 'contact' ? 'Contact' : 'Object'} already exists. Existing ID: ${existing.id}`));
    }
  }
}

/** Write responses show the written properties plus the system ones (hs_object_id, dates). */
export function writtenView(store: TypeStore, record: CompactRecord, written: Record<string, unknown>): ReturnType<typeof toPublicObject> {
  const names = [...new Set([...Object.keys(written), 'hs_object_id', store.def.createdDateProp, store.def.modifiedDateProp])];
  return toPublicObject(store, record, { properties: names });
}

export function registerObjectRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const base = '/crm/v3/objects/{objectType}';

  router.add({
    method: 'GET',
    template: base,
    auth: 'token',
    handler: (ctx: RequestContext) => {
      const store = deps.store.typeStore(ctx.params.objectType);
      const propertiesWithHistory = listParam(ctx.query, 'propertiesWithHistory');
      const max = propertiesWithHistory ? 50 : 100;
      const limit = intParam(ctx.query, 'limit', 10);
      if (limit < 1 || limit > max) throw validationError(`limit must be between 1 and ${max}, got ${limit}`, { context: { limit: [String(limit)] } });
      const afterRaw = ctx.query.get('after');
      if (afterRaw !== null && !/^\d+$/.test(afterRaw)) throw validationError(`Invalid paging cursor: ${afterRaw}`);
      const after = afterRaw === null ? 0 : Number(afterRaw);
      const archived = boolParam(ctx.query, 'archived');
      const ids = store.ids();
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid] < after) lo = mid + 1;
        else hi = mid;
      }
      const page: CompactRecord[] = [];
      let nextId: number | undefined;
      for (let i = lo; i < ids.length; i++) {
        const record = store.byId.get(ids[i]);
        if (!record || Boolean(record.archivedAt) !== archived) continue;
        if (page.length === limit) {
          nextId = record.id;
          break;
        }
        page.push(record);
      }
      const selection = {
        properties: listParam(ctx.query, 'properties'),
        propertiesWithHistory,
        associations: associationSelection(deps, listParam(ctx.query, 'associations')),
        isArchived: isArchivedFn(),
      };
      const body: Record<string, unknown> = { results: page.map((r) => toPublicObject(store, r, selection, deps.store.associations)) };
      if (nextId !== undefined) {
        const after = String(nextId);
        body.paging = { next: { after, link: `${deps.publicUrl()}${ctx.path}?after=${after}` } };
      }
      return { status: 200, body };
    },
  });

  router.add({
    method: 'GET',
    template: `${base}/{objectId}`,
    auth: 'token',
    handler: (ctx) => {
      const store = deps.store.typeStore(ctx.params.objectType);
      const record = findRecord(store, ctx.params.objectId, ctx.query.get('idProperty'), boolParam(ctx.query, 'archived'));
      if (!record) throw notFound();
      const selection = {
        properties: listParam(ctx.query, 'properties'),
        propertiesWithHistory: listParam(ctx.query, 'propertiesWithHistory'),
        associations: associationSelection(deps, listParam(ctx.query, 'associations')),
        isArchived: isArchivedFn(),
      };
      return { status: 200, body: toPublicObject(store, record, selection, deps.store.associations) };
    },
  });

  router.add({
    method: 'POST',
    template: base,
    auth: 'token',
    handler: (ctx) => {
      const store = deps.store.typeStore(ctx.params.objectType);
      const body = objectBody(ctx.body);
      const properties = propertiesOf(body.properties ?? {});
      deps.store.validateWrite(store, properties);
      checkUnique(store, properties);
      const source = sourceOf(ctx.principal);
      const record = deps.store.create(store.def.name, properties, source);
      applyCreateAssociations(deps, store, record.id, body.associations, source);
      return { status: 201, body: writtenView(store, record, properties) };
    },
  });

  router.add({
    method: 'PATCH',
    template: `${base}/{objectId}`,
    auth: 'token',
    handler: (ctx) => {
      const store = deps.store.typeStore(ctx.params.objectType);
      const properties = propertiesOf(objectBody(ctx.body).properties);
      deps.store.validateWrite(store, properties);
      const record = findRecord(store, ctx.params.objectId, ctx.query.get('idProperty'));
      if (!record) throw notFound();
      checkUnique(store, properties, record.id);
      deps.store.update(store.def.name, record.id, properties, sourceOf(ctx.principal));
      return { status: 200, body: writtenView(store, record, properties) };
    },
  });

  router.add({
    method: 'DELETE',
    template: `${base}/{objectId}`,
    auth: 'token',
    handler: (ctx) => {
      const store = deps.store.typeStore(ctx.params.objectType);
      const record = findRecord(store, ctx.params.objectId, null);
      // Archive is idempotent here: unknown or already archived ids also get the spec's only success, 204.
      if (record) deps.store.archive(store.def.name, record.id, sourceOf(ctx.principal));
      return { status: 204 };
    },
  });
}

import type { AssociationTypeDef } from '../association-store';
import { standardError, validationError } from '../hubspot-errors.util';
import { sourceOf, type SandboxDeps } from '../sandbox-deps.types';
import type { RequestContext, RouteResult, SandboxRouter } from '../sandbox-router';
import type { TypeStore } from '../type-store';
import { batchEnvelope, BatchReply, checkBatchSize, isObject, objectBody } from './route-helpers.util';

/** v4 batch read takes up to 1,000 ids (changelog "bug fix: batch read limit for associations API", 2025-02-10). */
const READ_MAX = 1000;
// An id with no associations comes back as a per-id OBJECT_NOT_FOUND error inside a 207, as integrators
// report for the live v4 batch read (exact message wording unverified).
const WRITE_MAX = 100;

function specWithLabel(def: AssociationTypeDef | undefined, typeId: number): Record<string, unknown> {
  // The spec types `label` as a plain string, so an unlabeled type omits it instead of sending null.
  const spec: Record<string, unknown> = { category: def?.category ?? 'HUBSPOT_DEFINED', typeId };
  if (def?.label !== undefined) spec.label = def.label;
  return spec;
}

function idOf(value: unknown): string {
  if (isObject(value) && (typeof value.id === 'string' || typeof value.id === 'number')) return String(value.id);
  throw validationError('Invalid input JSON: expected {"id": "..."}');
}

function labelsOf(types: AssociationTypeDef[]): string[] {
  return types.map((t) => t.label).filter((l): l is string => l !== undefined);
}

/** One created default association, as the associate/default endpoints report it. */
function defaultResult(def: AssociationTypeDef, fromId: string, toId: string): Record<string, unknown> {
  return { from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: def.category, associationTypeId: def.typeId } };
}

export function registerAssociationRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const pair = (ctx: RequestContext): [TypeStore, TypeStore] => [deps.store.typeStore(ctx.params.fromObjectType), deps.store.typeStore(ctx.params.toObjectType)];
  const live = (store: TypeStore, id: string): boolean => /^\d+$/.test(id) && deps.store.get(store.def.name, Number(id)) !== undefined;

  /** Association targets in the wire form (`toObjectId` + labelled type specs). */
  const toWire = (targets: { toId: number; typeIds: number[] }[]) =>
    targets.map((t) => ({ toObjectId: String(t.toId), associationTypes: t.typeIds.map((id) => specWithLabel(deps.store.associations.type(id), id)) }));

  /** Targets of one record (live ones only), paged by target id. */
  const targetsPage = (from: TypeStore, to: TypeStore, fromId: number, after: number) => {
    const all = deps.store.associations.targets(from.def.objectTypeId, to.def.objectTypeId, fromId).filter((t) => t.toId >= after && live(to, String(t.toId)));
    const page = all.slice(0, deps.associationPageSize);
    const next = all[deps.associationPageSize]?.toId;
    return { mapped: toWire(page), next };
  };

  const typeFor = (from: TypeStore, to: TypeStore, spec: unknown): AssociationTypeDef => {
    const typeId = isObject(spec) ? Number(spec.associationTypeId) : NaN;
    const def = deps.store.associations.type(typeId);
    if (!def || def.fromTypeId !== from.def.objectTypeId || def.toTypeId !== to.def.objectTypeId) {
      throw validationError(`associationTypeId ${String(typeId)} is not valid from ${from.def.name} to ${to.def.name}`);
    }
    return def;
  };

  const defaultTypeOf = (from: TypeStore, to: TypeStore): AssociationTypeDef => {
    const def = deps.store.associations.defaultType(from.def.objectTypeId, to.def.objectTypeId);
    if (!def) throw validationError(`No default association between ${from.def.name} and ${to.def.name}`);
    return def;
  };

  /** Removes every association (all labels) from one record to another. */
  const unassociateAll = (ctx: RequestContext, from: TypeStore, to: TypeStore, fromId: number, toId: number): void => {
    for (const t of deps.store.associations.targets(from.def.objectTypeId, to.def.objectTypeId, fromId).filter((x) => x.toId === toId)) {
      for (const typeId of t.typeIds) deps.store.associate(typeId, from, fromId, to, toId, sourceOf(ctx.principal), true);
    }
  };

  /** `POST /crm/v4/associations/{from}/{to}/batch/{action}` answering per input; the reply is timed from the request start. */
  const batchRoute = (action: string, handle: (ctx: RequestContext, from: TypeStore, to: TypeStore, reply: BatchReply) => RouteResult): void => {
    router.add({
      method: 'POST',
      template: `/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/${action}`,
      auth: 'token',
      handler: (ctx) => {
        const reply = new BatchReply(deps.clock);
        return handle(ctx, ...pair(ctx), reply);
      },
    });
  };

  batchRoute('read', (ctx, from, to, reply) => {
    const inputs = checkBatchSize(objectBody(ctx.body).inputs, READ_MAX);
    for (const input of inputs) {
      const id = idOf(input);
      const afterRaw = isObject(input) && input.after !== undefined ? String(input.after) : '0';
      if (!/^\d+$/.test(afterRaw)) throw validationError(`Invalid paging cursor: ${afterRaw}`);
      const page = live(from, id) ? targetsPage(from, to, Number(id), Number(afterRaw)) : { mapped: [], next: undefined };
      if (page.mapped.length === 0) {
        reply.errors.push(standardError('OBJECT_NOT_FOUND', `No ${to.def.name} is associated with ${from.def.singular} ${id}.`, { fromObjectId: [id] }));
        continue;
      }
      const item: Record<string, unknown> = { from: { id }, to: page.mapped };
      if (page.next !== undefined) item.paging = { next: { after: String(page.next) } };
      reply.results.push(item);
    }
    return reply.send(200);
  });

  batchRoute('create', (ctx, from, to, reply) => {
    const inputs = checkBatchSize(objectBody(ctx.body).inputs, WRITE_MAX).map((i) => objectBody(i));
    for (const input of inputs) {
      const fromId = idOf(input.from);
      const toId = idOf(input.to);
      const types = Array.isArray(input.types) ? input.types.map((spec) => typeFor(from, to, spec)) : [];
      if (types.length === 0) throw validationError('Invalid input JSON: types must name at least one association type');
      if (!live(from, fromId) || !live(to, toId)) {
        reply.errors.push(standardError('OBJECT_NOT_FOUND', `One or more objects do not exist: ${from.def.singular} ${fromId}, ${to.def.singular} ${toId}`, { fromObjectId: [fromId], toObjectId: [toId] }));
        continue;
      }
      for (const def of types) deps.store.associate(def.typeId, from, Number(fromId), to, Number(toId), sourceOf(ctx.principal));
      reply.results.push({
        fromObjectTypeId: from.def.objectTypeId,
        fromObjectId: fromId,
        toObjectTypeId: to.def.objectTypeId,
        toObjectId: toId,
        labels: labelsOf(types),
      });
    }
    return reply.send(201);
  });

  batchRoute('associate/default', (ctx, from, to, reply) => {
    const def = defaultTypeOf(from, to);
    const inputs = checkBatchSize(objectBody(ctx.body).inputs, WRITE_MAX).map((i) => objectBody(i));
    for (const input of inputs) {
      const fromId = idOf(input.from);
      const toId = idOf(input.to);
      if (!live(from, fromId) || !live(to, toId)) {
        reply.errors.push(standardError('OBJECT_NOT_FOUND', `One or more objects do not exist`, { fromObjectId: [fromId], toObjectId: [toId] }));
        continue;
      }
      deps.store.associate(def.typeId, from, Number(fromId), to, Number(toId), sourceOf(ctx.principal));
      reply.results.push(defaultResult(def, fromId, toId));
    }
    // The v4 spec lists only a 200 response for batch/associate/default (associations-v4.json), so per-input
    // errors ride along in a 200 body rather than a 207.
    return reply.send(200, 200);
  });

  router.add({
    method: 'POST',
    template: '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/archive',
    auth: 'token',
    handler: (ctx) => {
      const [from, to] = pair(ctx);
      for (const input of checkBatchSize(objectBody(ctx.body).inputs, WRITE_MAX).map((i) => objectBody(i))) {
        const fromId = Number(idOf(input.from));
        const targets = Array.isArray(input.to) ? input.to : [input.to];
        for (const target of targets) {
          const toId = Number(idOf(target));
          unassociateAll(ctx, from, to, fromId, toId);
        }
      }
      return { status: 204 };
    },
  });

  router.add({
    method: 'POST',
    template: '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/labels/archive',
    auth: 'token',
    handler: (ctx) => {
      const [from, to] = pair(ctx);
      for (const input of checkBatchSize(objectBody(ctx.body).inputs, WRITE_MAX).map((i) => objectBody(i))) {
        const fromId = Number(idOf(input.from));
        const toId = Number(idOf(input.to));
        const types = Array.isArray(input.types) ? input.types.map((spec) => typeFor(from, to, spec)) : [];
        for (const def of types) deps.store.associate(def.typeId, from, fromId, to, toId, sourceOf(ctx.principal), true);
      }
      return { status: 204 };
    },
  });

  router.add({
    method: 'GET',
    template: '/crm/v4/objects/{fromObjectType}/{objectId}/associations/{toObjectType}',
    auth: 'token',
    handler: (ctx) => {
      const [from, to] = pair(ctx);
      const limit = Number(ctx.query.get('limit') ?? '500');
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw validationError(`limit must be between 1 and 500`);
      const after = Number(ctx.query.get('after') ?? '0');
      const all = live(from, ctx.params.objectId) ? deps.store.associations.targets(from.def.objectTypeId, to.def.objectTypeId, Number(ctx.params.objectId)) : [];
      const visible = all.filter((t) => t.toId >= after && live(to, String(t.toId)));
      const page = toWire(visible.slice(0, limit));
      const body: Record<string, unknown> = { results: page };
      if (visible.length > limit) body.paging = { next: { after: String(visible[limit].toId) } };
      return { status: 200, body };
    },
  });

  router.add({
    method: 'PUT',
    template: '/crm/v4/objects/{fromObjectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}',
    auth: 'token',
    handler: (ctx) => {
      const started = deps.clock.now();
      const [from, to] = pair(ctx);
      const def = defaultTypeOf(from, to);
      const { objectId, toObjectId } = ctx.params;
      if (!live(from, objectId) || !live(to, toObjectId)) throw validationError('One or more objects do not exist');
      deps.store.associate(def.typeId, from, Number(objectId), to, Number(toObjectId), sourceOf(ctx.principal));
      const results = [defaultResult(def, objectId, toObjectId)];
      return { status: 200, body: { ...batchEnvelope(started, deps.clock.now()), results } };
    },
  });

  router.add({
    method: 'PUT',
    template: '/crm/v4/objects/{fromObjectType}/{objectId}/associations/{toObjectType}/{toObjectId}',
    auth: 'token',
    handler: (ctx) => {
      const [from, to] = pair(ctx);
      const { objectId, toObjectId } = ctx.params;
      if (!Array.isArray(ctx.body)) throw validationError('Invalid input JSON: expected an array of association specs');
      const types = ctx.body.map((spec) => typeFor(from, to, spec));
      if (!live(from, objectId) || !live(to, toObjectId)) throw validationError('One or more objects do not exist');
      for (const def of types) deps.store.associate(def.typeId, from, Number(objectId), to, Number(toObjectId), sourceOf(ctx.principal));
      return { status: 201, body: { fromObjectTypeId: from.def.objectTypeId, fromObjectId: objectId, toObjectTypeId: to.def.objectTypeId, toObjectId, labels: labelsOf(types) } };
    },
  });

  router.add({
    method: 'DELETE',
    template: '/crm/v4/objects/{fromObjectType}/{objectId}/associations/{toObjectType}/{toObjectId}',
    auth: 'token',
    handler: (ctx) => {
      const [from, to] = pair(ctx);
      const fromId = Number(ctx.params.objectId);
      const toId = Number(ctx.params.toObjectId);
      unassociateAll(ctx, from, to, fromId, toId);
      return { status: 204 };
    },
  });
}

import { HubspotHttpError, errorBody, notFound, validationError } from '../hubspot-errors.util';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { SandboxRouter } from '../sandbox-router';
import type { TypeStore } from '../type-store';
import { isObject, objectBody } from './route-helpers.util';
import type { PropertySeed, PropertyType } from '../default-properties.util';

/** `associatedObjects` accepts HubSpot's upper-case names or object type ids (schemas.json ObjectSchemaEgg). */
const NAMED_TYPES: Record<string, string> = { CONTACT: 'contacts', COMPANY: 'companies', DEAL: 'deals', LINE_ITEM: 'line_items', TASK: 'tasks', NOTE: 'notes' };

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The `ObjectSchema` response shape of shared/fixtures/hubspot-openapi/v3/schemas.json. */
export function schemaView(deps: SandboxDeps, store: TypeStore): Record<string, unknown> {
  const meta = store.schemaMeta ?? { id: store.def.objectTypeId.split('-')[1], labels: {}, requiredProperties: [], searchableProperties: [], secondaryDisplayProperties: [], createdAt: 0, updatedAt: 0 };
  const associations = deps.store
    .allTypes()
    .flatMap((other) => deps.store.associations.typesBetween(store.def.objectTypeId, other.def.objectTypeId))
    .map((t) => ({ fromObjectTypeId: t.fromTypeId, toObjectTypeId: t.toTypeId, id: String(t.typeId), name: t.name }));
  const view: Record<string, unknown> = {
    id: meta.id,
    name: store.def.name,
    labels: meta.labels,
    objectTypeId: store.def.objectTypeId,
    fullyQualifiedName: store.def.fullyQualifiedName,
    requiredProperties: meta.requiredProperties,
    searchableProperties: meta.searchableProperties,
    secondaryDisplayProperties: meta.secondaryDisplayProperties,
    properties: [...store.properties.values()].filter((p) => !p.archived),
    associations,
    archived: false,
    createdAt: iso(meta.createdAt),
    updatedAt: iso(meta.updatedAt),
  };
  if (store.def.primaryDisplayProperty) view.primaryDisplayProperty = store.def.primaryDisplayProperty;
  return view;
}

export function registerSchemaRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const base = '/crm-object-schemas/v3/schemas';
  const custom = (): TypeStore[] => deps.store.allTypes().filter((s) => s.def.custom && !s.schemaArchived);
  const find = (name: string): TypeStore => {
    const store = deps.store.findType(name);
    if (!store || !store.def.custom || store.schemaArchived) throw notFound(`Unable to find object type ${name}`);
    return store;
  };

  router.add({ method: 'GET', template: base, auth: 'token', handler: () => ({ status: 200, body: { results: custom().map((s) => schemaView(deps, s)) } }) });

  router.add({
    method: 'POST',
    template: base,
    auth: 'token',
    handler: (ctx) => {
      const body = objectBody(ctx.body);
      const name = body.name;
      if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/i.test(name)) throw validationError('Invalid input JSON: name is required and must be alphanumeric');
      if (!isObject(body.labels) || !Array.isArray(body.properties) || !Array.isArray(body.requiredProperties) || !Array.isArray(body.associatedObjects)) {
        throw validationError('Invalid input JSON: labels, properties, requiredProperties and associatedObjects are required');
      }
      if (deps.store.findType(name)) throw new HubspotHttpError(409, errorBody('OBJECT_ALREADY_EXISTS', `Object type with name ${name} already exists`));
      const seeds: PropertySeed[] = body.properties.map((raw) => {
        const p = objectBody(raw);
        if (typeof p.name !== 'string' || typeof p.label !== 'string' || typeof p.type !== 'string') throw validationError('Invalid input JSON: every property needs name, label and type');
        const options = Array.isArray(p.options) ? p.options.map((o) => (isObject(o) ? String(o.value) : String(o))) : undefined;
        return { name: p.name, label: p.label, type: p.type as PropertyType, fieldType: typeof p.fieldType === 'string' ? p.fieldType : undefined, options, unique: p.hasUniqueValue === true };
      });
      const required = body.requiredProperties.map(String);
      for (const r of required) if (!seeds.some((s) => s.name === r)) throw validationError(`Required property ${r} is not defined in properties`);
      const labels = body.labels as Record<string, unknown>;
      const primary = typeof body.primaryDisplayProperty === 'string' ? body.primaryDisplayProperty : undefined;
      const store = deps.store.createCustomType(name.toLowerCase(), name.toLowerCase(), seeds, primary);
      const now = deps.clock.now();
      store.schemaMeta = {
        id: String(10_000_000 + Number(store.def.objectTypeId.split('-')[1])),
        labels: { singular: String(labels.singular ?? name), plural: String(labels.plural ?? name) },
        requiredProperties: required,
        searchableProperties: Array.isArray(body.searchableProperties) ? body.searchableProperties.map(String) : [],
        secondaryDisplayProperties: Array.isArray(body.secondaryDisplayProperties) ? body.secondaryDisplayProperties.map(String) : [],
        createdAt: now,
        updatedAt: now,
      };
      for (const raw of body.associatedObjects) {
        const target = deps.store.findType(NAMED_TYPES[String(raw)] ?? String(raw));
        if (!target) throw validationError(`Unknown associated object ${String(raw)}`);
        deps.store.associations.define(store.def, target.def, 'USER_DEFINED', undefined, `${store.def.name}_to_${target.def.singular}`);
      }
      return { status: 201, body: schemaView(deps, store) };
    },
  });

  router.add({ method: 'GET', template: `${base}/{objectType}`, auth: 'token', handler: (ctx) => ({ status: 200, body: schemaView(deps, find(ctx.params.objectType)) }) });

  router.add({
    method: 'POST',
    template: `${base}/{objectType}/associations`,
    auth: 'token',
    handler: (ctx) => {
      const store = find(ctx.params.objectType);
      const body = objectBody(ctx.body);
      const to = deps.store.findType(String(body.toObjectTypeId ?? ''));
      if (!to || body.fromObjectTypeId !== store.def.objectTypeId) throw validationError('Invalid input JSON: fromObjectTypeId must be this schema and toObjectTypeId a known type');
      const now = new Date(deps.clock.now()).toISOString();
      const def = deps.store.associations.define(store.def, to.def, 'USER_DEFINED', undefined, typeof body.name === 'string' ? body.name : undefined);
      return { status: 201, body: { fromObjectTypeId: def.fromTypeId, toObjectTypeId: def.toTypeId, id: String(def.typeId), name: def.name, createdAt: now, updatedAt: now } };
    },
  });

  router.add({
    method: 'DELETE',
    template: `${base}/{objectType}`,
    auth: 'token',
    handler: (ctx) => {
      const store = find(ctx.params.objectType);
      const hasLive = [...store.byId.values()].some((r) => !r.archivedAt);
      // Live API: a schema can only be deleted once all its records are archived.
      if (hasLive) throw validationError(`Object type ${store.def.name} still has records; archive them before deleting the schema`);
      // A soft delete: the schema leaves the list, and its name stays reserved until a hard delete.
      store.schemaArchived = true;
      return { status: 204 };
    },
  });
}

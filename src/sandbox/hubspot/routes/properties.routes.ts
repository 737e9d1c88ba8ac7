import type { PropertySeed, PropertyType } from '../default-properties.util';
import { HubspotHttpError, errorBody, notFound, validationError } from '../hubspot-errors.util';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { SandboxRouter } from '../sandbox-router';
import type { TypeStore } from '../type-store';
import { batchEnvelope, checkBatchSize, isObject, objectBody } from './route-helpers.util';

const TYPES = new Set(['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string']);

/** Turns a `PropertyCreate` body (properties.json) into a seed, rejecting what the live API rejects. */
export function propertySeedFrom(store: TypeStore, body: Record<string, unknown>): PropertySeed & { groupName: string } {
  for (const field of ['name', 'label', 'type', 'fieldType', 'groupName']) {
    if (typeof body[field] !== 'string' || body[field] === '') throw validationError(`Invalid input JSON: ${field} is required`, { context: { field: [field] } });
  }
  const name = body.name as string;
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw validationError(`Property name ${name} must start with a lowercase letter and contain only lowercase letters, digits and underscores`);
  if (!TYPES.has(body.type as string)) throw validationError(`Unknown property type ${String(body.type)}`);
  if (store.properties.has(name)) {
    throw new HubspotHttpError(409, errorBody('OBJECT_ALREADY_EXISTS', `Property named '${name}' already exists.`));
  }
  const groupName = body.groupName as string;
  if (!store.groups.has(groupName)) throw validationError(`Property group ${groupName} does not exist`);
  const options = Array.isArray(body.options) ? body.options.map((o) => (isObject(o) ? String(o.value) : String(o))) : undefined;
  return {
    name,
    label: body.label as string,
    type: body.type as PropertyType,
    fieldType: body.fieldType as string,
    options,
    unique: body.hasUniqueValue === true,
    group: groupName,
    groupName,
  };
}

export function registerPropertyRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const base = '/crm/v3/properties/{objectType}';
  const store = (type: string): TypeStore => deps.store.typeStore(type);
  const live = (s: TypeStore, archived: boolean) => [...s.properties.values()].filter((p) => p.archived === archived);

  router.add({ method: 'GET', template: base, auth: 'token', handler: (ctx) => ({ status: 200, body: { results: live(store(ctx.params.objectType), ctx.query.get('archived') === 'true') } }) });

  router.add({
    method: 'POST',
    template: base,
    auth: 'token',
    handler: (ctx) => {
      const s = store(ctx.params.objectType);
      const seed = propertySeedFrom(s, objectBody(ctx.body));
      return { status: 201, body: deps.store.defineProperty(s.def.name, seed) };
    },
  });

  router.add({
    method: 'POST',
    template: `${base}/batch/create`,
    auth: 'token',
    handler: (ctx) => {
      const started = deps.clock.now();
      const s = store(ctx.params.objectType);
      const seeds = checkBatchSize(objectBody(ctx.body).inputs, 100).map((input) => propertySeedFrom(s, objectBody(input)));
      const results = seeds.map((seed) => deps.store.defineProperty(s.def.name, seed));
      return { status: 201, body: { ...batchEnvelope(started, deps.clock.now()), results } };
    },
  });

  router.add({
    method: 'POST',
    template: `${base}/batch/read`,
    auth: 'token',
    handler: (ctx) => {
      const started = deps.clock.now();
      const s = store(ctx.params.objectType);
      const body = objectBody(ctx.body);
      const inputs = checkBatchSize(body.inputs, 100).map((input) => (isObject(input) ? String(input.name) : ''));
      const results = inputs.map((name) => s.properties.get(name)).filter((p) => p !== undefined && p.archived === (body.archived === true));
      return { status: 200, body: { ...batchEnvelope(started, deps.clock.now()), results } };
    },
  });

  router.add({
    method: 'GET',
    template: `${base}/groups`,
    auth: 'token',
    handler: (ctx) => ({ status: 200, body: { results: [...store(ctx.params.objectType).groups.values()].filter((g) => !g.archived) } }),
  });

  router.add({
    method: 'POST',
    template: `${base}/groups`,
    auth: 'token',
    handler: (ctx) => {
      const s = store(ctx.params.objectType);
      const body = objectBody(ctx.body);
      if (typeof body.name !== 'string' || typeof body.label !== 'string') throw validationError('Invalid input JSON: name and label are required');
      if (s.groups.has(body.name)) throw new HubspotHttpError(409, errorBody('OBJECT_ALREADY_EXISTS', `Property group named '${body.name}' already exists.`));
      const group = { name: body.name, label: body.label, displayOrder: typeof body.displayOrder === 'number' ? body.displayOrder : -1, archived: false };
      s.groups.set(group.name, group);
      return { status: 201, body: group };
    },
  });

  router.add({
    method: 'GET',
    template: `${base}/groups/{groupName}`,
    auth: 'token',
    handler: (ctx) => {
      const group = store(ctx.params.objectType).groups.get(ctx.params.groupName);
      if (!group) throw notFound();
      return { status: 200, body: group };
    },
  });

  router.add({
    method: 'GET',
    template: `${base}/{propertyName}`,
    auth: 'token',
    handler: (ctx) => {
      const property = store(ctx.params.objectType).properties.get(ctx.params.propertyName);
      if (!property || property.archived !== (ctx.query.get('archived') === 'true')) throw notFound();
      return { status: 200, body: property };
    },
  });

  router.add({
    method: 'PATCH',
    template: `${base}/{propertyName}`,
    auth: 'token',
    handler: (ctx) => {
      const property = store(ctx.params.objectType).properties.get(ctx.params.propertyName);
      if (!property || property.archived) throw notFound();
      const body = objectBody(ctx.body);
      if (property.modificationMetadata.readOnlyDefinition) throw validationError(`Property ${property.name} is HubSpot-defined and its definition cannot be changed`);
      if (typeof body.label === 'string') property.label = body.label;
      if (typeof body.description === 'string') property.description = body.description;
      if (Array.isArray(body.options)) {
        property.options = body.options.filter(isObject).map((o, i) => ({ label: String(o.label), value: String(o.value), hidden: o.hidden === true, displayOrder: i }));
      }
      property.updatedAt = new Date(deps.clock.now()).toISOString();
      return { status: 200, body: property };
    },
  });

  router.add({
    method: 'DELETE',
    template: `${base}/{propertyName}`,
    auth: 'token',
    handler: (ctx) => {
      const property = store(ctx.params.objectType).properties.get(ctx.params.propertyName);
      if (!property) throw notFound();
      if (!property.modificationMetadata.archivable) throw validationError(`Property ${property.name} cannot be archived`);
      property.archived = true;
      return { status: 204 };
    },
  });
}

import { notFound, validationError } from '../hubspot-errors.util';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { RouteResult, SandboxRouter } from '../sandbox-router';
import type { RequestContext } from '../sandbox-router';
import { objectBody } from './route-helpers.util';
import type { AssociationTypeDef } from '../association-store';

function labelSpec(t: AssociationTypeDef): Record<string, unknown> {
  const spec: Record<string, unknown> = { category: t.category, typeId: t.typeId };
  if (t.label !== undefined) spec.label = t.label;
  return spec;
}

/**
 * Association labels. The SDK (codegen/crm/associations/v4/schema) calls `/crm/v4/associations/{from}/{to}/labels`;
 * the spec file (associationsSchema-v4.json) lists `/crm/associations/v4/{from}/{to}/labels`. Both are served.
 */
export function registerLabelRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const types = (ctx: RequestContext) => {
    const from = deps.store.typeStore(ctx.params.fromObjectType);
    const to = deps.store.typeStore(ctx.params.toObjectType);
    return { from, to, list: deps.store.associations.typesBetween(from.def.objectTypeId, to.def.objectTypeId) };
  };

  const list = (ctx: RequestContext): RouteResult => ({ status: 200, body: { results: types(ctx).list.map(labelSpec) } });

  const create = (ctx: RequestContext): RouteResult => {
    const { from, to } = types(ctx);
    const body = objectBody(ctx.body);
    if (typeof body.label !== 'string' || typeof body.name !== 'string') throw validationError('Invalid input JSON: label and name are required');
    const inverse = typeof body.inverseLabel === 'string' ? body.inverseLabel : undefined;
    const def = deps.store.associations.define(from.def, to.def, 'USER_DEFINED', body.label, body.name, inverse);
    const back = deps.store.associations.type(def.inverseTypeId) as AssociationTypeDef;
    return { status: 200, body: { results: [def, back].map(labelSpec) } };
  };

  const update = (ctx: RequestContext): RouteResult => {
    const body = objectBody(ctx.body);
    const def = deps.store.associations.type(Number(body.associationTypeId));
    if (!def || def.category !== 'USER_DEFINED') throw validationError(`associationTypeId ${String(body.associationTypeId)} is not a user-defined label`);
    if (typeof body.label === 'string') def.label = body.label;
    const back = deps.store.associations.type(def.inverseTypeId);
    if (back && typeof body.inverseLabel === 'string') back.label = body.inverseLabel;
    return { status: 204 };
  };

  const remove = (ctx: RequestContext): RouteResult => {
    const def = deps.store.associations.type(Number(ctx.params.associationTypeId));
    if (!def) throw notFound();
    if (def.category !== 'USER_DEFINED') throw validationError('HubSpot-defined association types cannot be deleted');
    deps.store.associations.removeType(def.typeId);
    return { status: 204 };
  };

  for (const prefix of ['/crm/v4/associations', '/crm/associations/v4']) {
    const base = `${prefix}/{fromObjectType}/{toObjectType}/labels`;
    router.add({ method: 'GET', template: base, auth: 'token', handler: list });
    router.add({ method: 'POST', template: base, auth: 'token', handler: create });
    router.add({ method: 'PUT', template: base, auth: 'token', handler: update });
    router.add({ method: 'DELETE', template: `${base}/{associationTypeId}`, auth: 'token', handler: remove });
  }
}

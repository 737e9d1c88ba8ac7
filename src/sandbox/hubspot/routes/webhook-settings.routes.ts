import { HubspotHttpError, errorBody, notFound, validationError } from '../hubspot-errors.util';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { RequestContext, RouteDef, SandboxRouter } from '../sandbox-router';
import type { WebhookSubscription } from '../webhook-dispatcher.service';
import { objectBody } from './route-helpers.util';

const iso = (ms: number | undefined): string => new Date(ms ?? 0).toISOString();

/** Event types the v3 spec enumerates for subscriptions (webhooks-v3.json SubscriptionCreateRequest), CRM part. */
const OBJECTS = ['company', 'contact', 'deal', 'line_item', 'product', 'ticket', 'object'];
const EVENTS = ['associationChange', 'creation', 'deletion', 'merge', 'propertyChange', 'restore'];
const EVENT_TYPES = new Set([...OBJECTS.flatMap((o) => EVENTS.map((e) => `${o}.${e}`)), 'contact.privacyDeletion']);

function view(sub: WebhookSubscription): Record<string, unknown> {
  const out: Record<string, unknown> = { id: String(sub.id), eventType: sub.subscriptionType, active: sub.active !== false, createdAt: iso(sub.createdAt), updatedAt: iso(sub.updatedAt ?? sub.createdAt) };
  if (sub.propertyName) out.propertyName = sub.propertyName;
  if (sub.objectTypeId) out.objectTypeId = sub.objectTypeId;
  return out;
}

/**
 * Webhooks API v3 (`/webhooks/v3/{appId}/settings|subscriptions`), authenticated with the developer API
 * key in the `hapikey` query parameter (spec security scheme `developer_hapikey`) or an app token.
 * Settings drive the dispatcher's target URL and `maxConcurrentRequests`.
 */
export function registerWebhookSettingsRoutes(router: SandboxRouter, deps: SandboxDeps, developerApiKey: string): void {
  let settingsCreatedAt: number | undefined = deps.webhooks.targetUrl ? deps.clock.now() : undefined;
  let settingsUpdatedAt = settingsCreatedAt;

  const guard = (ctx: RequestContext): void => {
    if (ctx.query.get('hapikey') !== developerApiKey) deps.auth.authenticate(ctx.headers.authorization);
    if (ctx.params.appId !== String(deps.appId)) throw new HubspotHttpError(404, errorBody('OBJECT_NOT_FOUND', `App ${ctx.params.appId} not found`));
  };
  const add = (def: Omit<RouteDef, 'auth'>): void =>
    router.add({
      ...def,
      auth: 'none',
      handler: (ctx) => {
        guard(ctx);
        return def.handler(ctx);
      },
    });
  const find = (id: string): WebhookSubscription => {
    const sub = deps.webhooks.subscriptionList.find((s) => String(s.id) === id);
    if (!sub) throw notFound(`Subscription ${id} not found`);
    return sub;
  };
  const settingsBody = () => ({
    targetUrl: deps.webhooks.targetUrl,
    throttling: { maxConcurrentRequests: deps.webhooks.maxConcurrentRequests },
    createdAt: iso(settingsCreatedAt),
    updatedAt: iso(settingsUpdatedAt),
  });

  const base = '/webhooks/v3/{appId}';
  add({
    method: 'GET',
    template: `${base}/settings`,
    handler: () => {
      if (!deps.webhooks.targetUrl) throw notFound('No webhook settings for this app');
      return { status: 200, body: settingsBody() };
    },
  });
  add({
    method: 'PUT',
    template: `${base}/settings`,
    handler: (ctx) => {
      const body = objectBody(ctx.body);
      const throttling = objectBody(body.throttling);
      if (typeof body.targetUrl !== 'string' || !/^https?:\/\//.test(body.targetUrl)) throw validationError('targetUrl must be an absolute http(s) URL');
      const max = Number(throttling.maxConcurrentRequests);
      if (!Number.isInteger(max) || max < 5) throw validationError('throttling.maxConcurrentRequests must be an integer of at least 5');
      deps.webhooks.configure({ targetUrl: body.targetUrl, maxConcurrentRequests: max });
      settingsCreatedAt ??= deps.clock.now();
      settingsUpdatedAt = deps.clock.now();
      return { status: 200, body: settingsBody() };
    },
  });
  add({
    method: 'DELETE',
    template: `${base}/settings`,
    handler: () => {
      deps.webhooks.configure({ targetUrl: undefined });
      settingsCreatedAt = undefined;
      return { status: 204 };
    },
  });
  add({ method: 'GET', template: `${base}/subscriptions`, handler: () => ({ status: 200, body: { results: deps.webhooks.subscriptionList.map(view) } }) });
  add({
    method: 'POST',
    template: `${base}/subscriptions`,
    handler: (ctx) => {
      const body = objectBody(ctx.body);
      const eventType = String(body.eventType ?? '');
      if (!EVENT_TYPES.has(eventType)) throw validationError(`Unsupported eventType ${eventType}`);
      if (eventType.endsWith('.propertyChange') && typeof body.propertyName !== 'string') throw validationError('propertyName is required for propertyChange subscriptions');
      if (eventType.startsWith('object.') && typeof body.objectTypeId !== 'string') throw validationError('objectTypeId is required for object.* subscriptions');
      const list = deps.webhooks.subscriptionList;
      const now = deps.clock.now();
      const sub: WebhookSubscription = {
        id: list.reduce((m, s) => Math.max(m, s.id), 0) + 1,
        subscriptionType: eventType,
        propertyName: typeof body.propertyName === 'string' ? body.propertyName : undefined,
        objectTypeId: typeof body.objectTypeId === 'string' ? body.objectTypeId : undefined,
        active: body.active === true,
        createdAt: now,
        updatedAt: now,
      };
      list.push(sub);
      return { status: 201, body: view(sub) };
    },
  });
  add({ method: 'GET', template: `${base}/subscriptions/{subscriptionId}`, handler: (ctx) => ({ status: 200, body: view(find(ctx.params.subscriptionId)) }) });
  add({
    method: 'PATCH',
    template: `${base}/subscriptions/{subscriptionId}`,
    handler: (ctx) => {
      const sub = find(ctx.params.subscriptionId);
      const body = objectBody(ctx.body);
      if (typeof body.active === 'boolean') sub.active = body.active;
      sub.updatedAt = deps.clock.now();
      return { status: 200, body: view(sub) };
    },
  });
  add({
    method: 'DELETE',
    template: `${base}/subscriptions/{subscriptionId}`,
    handler: (ctx) => {
      const list = deps.webhooks.subscriptionList;
      list.splice(list.indexOf(find(ctx.params.subscriptionId)), 1);
      return { status: 204 };
    },
  });
}

import type { SandboxClock } from './clock.util';
import type { FaultInjector } from './faults.service';
import type { StoreChange } from './hubspot-store';
import { signV1, signV3 } from './webhook-signature.util';

export interface WebhookSubscription {
  id: number;
  /** Legacy form `contact.propertyChange`, or `object.creation` etc. for custom objects. */
  subscriptionType: string;
  /** propertyChange only: limit to one property (HubSpot requires one; omitted = every property). */
  propertyName?: string;
  /** `object.*` subscriptions name the custom object type they watch. */
  objectTypeId?: string;
  active?: boolean;
  createdAt?: number;
  updatedAt?: number;
}

export interface WebhookOptions {
  targetUrl?: string;
  subscriptions?: Array<Omit<WebhookSubscription, 'id'> & { id?: number }>;
  maxBatchSize?: number;
  /** Events are collected this long before a batch is posted. */
  batchWindowMs?: number;
  /** HubSpot retries failed notifications up to 10 times; delays here are scaled down for tests. */
  maxAttempts?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
  /** Webhook settings `throttling.maxConcurrentRequests`: POSTs in flight at once. */
  maxConcurrentRequests?: number;
}

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
  changeSource: string;
  sourceId?: string;
  changeFlag?: string;
  associationType?: string;
  fromObjectId?: number;
  toObjectId?: number;
  associationRemoved?: boolean;
  associationTypeId?: number;
}

export interface WebhookDelivery {
  attemptNumber: number;
  eventIds: number[];
  status: number | 'error';
  duplicate: boolean;
}

/** Object types with legacy `<object>.<event>` subscription types (webhooks API guide). */
const LEGACY_OBJECTS = new Set(['contact', 'company', 'deal', 'ticket', 'line_item', 'product', 'conversation']);

const DEFAULT_TYPES = ['contact', 'company', 'deal'].flatMap((o) => ['creation', 'deletion', 'propertyChange', 'associationChange'].map((k) => `${o}.${k}`));

/**
 * Sends CRM change events to the app's target URL the way HubSpot's Webhooks API does
 * (developers.hubspot.com/docs/api/webhooks): JSON array of up to 100 events per POST, signed with
 * `X-HubSpot-Signature-v3` = base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)) and
 * `X-HubSpot-Request-Timestamp` (ms) per the "request validation" guide, plus the v1 signature
 * (`X-HubSpot-Signature` = hex SHA-256 of clientSecret + body). Failed POSTs are retried with backoff and
 * an incremented `attemptNumber`. Faults can duplicate deliveries and reorder events.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private options: Required<Omit<WebhookOptions, 'targetUrl' | 'subscriptions'>> & { targetUrl?: string };
  private subscriptions: WebhookSubscription[] = [];
  private queue: WebhookEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private nextEventId = 100;
  private stopped = false;

  constructor(
    private readonly clock: SandboxClock,
    private readonly faults: FaultInjector,
    private readonly portalId: number,
    private readonly appId: number,
    private readonly clientSecret: string,
    options: WebhookOptions = {},
  ) {
    this.options = { maxBatchSize: 100, batchWindowMs: 20, maxAttempts: 10, retryBaseMs: 50, timeoutMs: 5000, maxConcurrentRequests: 10 };
    this.configure(options);
  }

  configure(options: WebhookOptions): void {
    const { subscriptions, ...rest } = options;
    this.options = { ...this.options, ...rest };
    if (subscriptions) this.subscriptions = subscriptions.map((s, i) => ({ ...s, id: s.id ?? i + 1 }));
    else if (this.subscriptions.length === 0) this.subscriptions = DEFAULT_TYPES.map((subscriptionType, i) => ({ id: i + 1, subscriptionType }));
  }

  /** Live subscription list (the webhooks v3 subscriptions API edits it in place). */
  get subscriptionList(): WebhookSubscription[] {
    return this.subscriptions;
  }

  get maxConcurrentRequests(): number {
    return this.options.maxConcurrentRequests;
  }

  get targetUrl(): string | undefined {
    return this.options.targetUrl;
  }

  /** Store listener: turns a change into events for each matching subscription. */
  handle(change: StoreChange): void {
    if (!this.options.targetUrl || this.stopped) return;
    // Legacy `contact.*` types exist only for the original CRM objects; every type (tasks, notes, custom
    // objects, and the legacy ones too) can be watched with the generic `object.*` form plus its objectTypeId
    // (developer changelog "Public Beta: Generic Webhook Subscriptions", 2024-08-06).
    const legacy = !change.type.custom && LEGACY_OBJECTS.has(change.type.singular) ? `${change.type.singular}.${change.kind}` : null;
    const generic = `object.${change.kind}`;
    for (const sub of this.subscriptions) {
      if (sub.active === false || (sub.subscriptionType !== legacy && sub.subscriptionType !== generic)) continue;
      const isGeneric = sub.subscriptionType === generic;
      // A generic subscription names its type; an untyped one (older sandbox configs) only watches custom objects.
      if (isGeneric && (sub.objectTypeId ? sub.objectTypeId !== change.type.objectTypeId : !change.type.custom)) continue;
      const subscriptionType = sub.subscriptionType;
      if (change.kind === 'propertyChange' && sub.propertyName && sub.propertyName !== change.propertyName) continue;
      const event: WebhookEvent = {
        eventId: this.nextEventId++,
        subscriptionId: sub.id,
        portalId: this.portalId,
        appId: this.appId,
        occurredAt: change.occurredAt,
        subscriptionType,
        attemptNumber: 0,
        objectId: change.objectId,
        changeSource: change.source.changeSource,
      };
      if (change.source.sourceId) event.sourceId = change.source.sourceId;
      if (isGeneric) event.objectTypeId = change.type.objectTypeId;
      if (change.kind === 'creation') event.changeFlag = 'CREATED';
      if (change.kind === 'deletion') event.changeFlag = 'DELETED';
      if (change.kind === 'propertyChange') {
        event.propertyName = change.propertyName;
        event.propertyValue = change.propertyValue;
      }
      if (change.association) {
        event.associationType = `${change.type.singular}_TO_${change.association.toType.singular}`.toUpperCase();
        event.fromObjectId = change.objectId;
        event.toObjectId = change.association.toObjectId;
        event.associationRemoved = change.association.removed;
        event.associationTypeId = change.association.typeId;
      }
      this.queue.push(event);
    }
    if (this.queue.length > 0 && !this.timer) this.timer = setTimeout(() => this.drain(), this.options.batchWindowMs);
  }

  private drain(): void {
    this.timer = undefined;
    const events = this.queue;
    this.queue = [];
    const batches: WebhookEvent[][] = [];
    for (let i = 0; i < events.length; i += this.options.maxBatchSize) batches.push(events.slice(i, i + this.options.maxBatchSize));
    if (this.faults.config.webhookReorder) {
      for (const batch of batches) this.shuffle(batch);
      this.shuffle(batches);
    }
    for (const batch of batches) this.track(this.deliver(batch, 0));
  }

  private shuffle<T>(items: T[]): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.faults.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async deliver(batch: WebhookEvent[], attempt: number): Promise<void> {
    const url = this.options.targetUrl;
    if (!url || this.stopped) return;
    const body = JSON.stringify(batch.map((e) => ({ ...e, attemptNumber: attempt })));
    const duplicate = this.faults.roll(this.faults.config.webhookDuplicateRate);
    let ok = await this.post(url, body, batch, attempt, false);
    if (ok && duplicate) await this.post(url, body, batch, attempt, true);
    if (!ok && attempt + 1 < this.options.maxAttempts && !this.stopped) {
      const delay = this.options.retryBaseMs * 2 ** attempt * (0.5 + this.faults.next());
      await new Promise((resolve) => setTimeout(resolve, delay));
      await this.deliver(batch, attempt + 1);
      ok = true;
    }
  }

  private active = 0;
  private readonly waiting: Array<() => void> = [];

  /** Holds a POST back while `maxConcurrentRequests` are already in flight. */
  private async acquire(): Promise<void> {
    if (this.active < this.options.maxConcurrentRequests) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private async post(url: string, body: string, batch: WebhookEvent[], attempt: number, duplicate: boolean): Promise<boolean> {
    await this.acquire();
    try {
      return await this.send(url, body, batch, attempt, duplicate);
    } finally {
      this.release();
    }
  }

  private async send(url: string, body: string, batch: WebhookEvent[], attempt: number, duplicate: boolean): Promise<boolean> {
    const timestamp = String(this.clock.now());
    const record: WebhookDelivery = { attemptNumber: attempt, eventIds: batch.map((e) => e.eventId), status: 'error', duplicate };
    this.deliveries.push(record);
    if (!duplicate && this.faults.roll(this.faults.config.webhookDropRate)) return false;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'X-HubSpot-Signature-Version': 'v3',
          'X-HubSpot-Signature-v3': signV3(this.clientSecret, 'POST', url, body, timestamp),
          'X-HubSpot-Signature': signV1(this.clientSecret, body),
          'X-HubSpot-Request-Timestamp': timestamp,
          'X-HubSpot-Timeout-Millis': String(this.options.timeoutMs),
        },
      });
      record.status = response.status;
      await response.arrayBuffer();
      return response.status >= 200 && response.status < 300;
    } catch {
      return false;
    }
  }

  /** Resolves once every queued event has been delivered (or given up on). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.drain();
    }
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    if (this.queue.length > 0) await this.flush();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

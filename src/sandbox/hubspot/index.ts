export { startHubspotSandbox, type HubspotSandbox } from './hubspot-sandbox';
export type { HubspotSandboxOptions, ResponseInfo } from './hubspot-sandbox.types';
export { ManualClock, systemClock, type SandboxClock } from './clock.util';
export { HubspotStore, type BulkRecord, type ChangeSource, type StoreChange } from './hubspot-store';
export { RATE_TIERS, type RateTier } from './rate-limiter.service';
export type { FaultConfig, FaultKind } from './faults.service';
export type { WebhookEvent, WebhookOptions } from './webhook-dispatcher.service';

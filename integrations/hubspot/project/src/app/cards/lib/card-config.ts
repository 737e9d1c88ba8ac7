/**
 * Where the card finds the ABM service. hubspot.fetch only reaches URLs listed in
 * app-hsmeta.json permittedUrls.fetch (HubSpot "fetching data" docs), so change both together;
 * scripts/validate.js fails when they disagree.
 */
export const ABM_API_BASE_URL = 'https://api.example-abm.com';

/** HubSpot's default fetch timeout is 15 s; a sidebar card that takes longer is not worth waiting for. */
export const FETCH_TIMEOUT_MS = 8000;

/**
 * The service decides staleness (freshness.stale); the card also flags anything older than this,
 * so a service that silently stopped refreshing still shows a badge.
 */
export const STALE_AFTER_SECONDS = 24 * 60 * 60;

export const MAX_REASONS = 3;
export const MAX_ACTIONS = 3;

import { startHubspotSandbox, type HubspotSandbox, type HubspotSandboxOptions } from '../../../../src/sandbox/hubspot';
import { OpenApiResponseValidator } from './openapi-validator';

let shared: OpenApiResponseValidator | undefined;

export interface Harness<C> {
  sandbox: HubspotSandbox;
  client: C;
  /** Responses whose body did not match the official schema. */
  violations: string[];
  /** How many responses were checked against a schema. */
  validatedCount: () => number;
  stop(): Promise<void>;
}

/**
 * Starts a sandbox whose every API response is validated against the official OpenAPI schema of its
 * endpoint, plus the client the spec builds for it (specs pass an unmodified `@hubspot/api-client`
 * `Client`; only spec files import the SDK).
 */
export async function startHarness<C>(makeClient: (sandbox: HubspotSandbox) => C, options: HubspotSandboxOptions = {}): Promise<Harness<C>> {
  shared ??= new OpenApiResponseValidator();
  const validator = shared;
  const violations: string[] = [];
  let validated = 0;
  const sandbox = await startHubspotSandbox({
    ...options,
    onResponse: (info) => {
      options.onResponse?.(info);
      const outcome = validator.validate(info.method, info.path, info.status, info.body);
      if (outcome.validated) validated++;
      // Only the OAuth token endpoint has no spec in the fixtures; every other response must be checked.
      else if (!info.path.startsWith('/oauth/')) violations.push(`${info.method} ${info.path} -> ${info.status}: no schema found to validate against`);
      for (const error of outcome.errors) violations.push(`${outcome.operation ?? info.path}: ${error}`);
    },
  });
  const client = makeClient(sandbox);
  return { sandbox, client, violations, validatedCount: () => validated, stop: () => sandbox.stop() };
}

/** The error an SDK call rejected with (`ApiException`: code, body, headers). */
export async function sdkError(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; body: Record<string, unknown>; headers: Record<string, string> };
  }
  throw new Error('expected the call to fail');
}

/**
 * Registers the usual suite hooks: a harness started before the suite (its fields are filled in then) and,
 * after it, the check that every response matched its schema, then stop.
 */
export function useHarness<C>(makeClient: (sandbox: HubspotSandbox) => C, options: HubspotSandboxOptions = {}): Harness<C> {
  const h = {} as Harness<C>;
  beforeAll(async () => {
    Object.assign(h, await startHarness(makeClient, options));
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.stop();
  });
  return h;
}

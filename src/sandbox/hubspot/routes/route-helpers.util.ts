import type { SandboxClock } from '../clock.util';
import { validationError, type StandardError } from '../hubspot-errors.util';
import type { ReadSelection } from '../record-view.util';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { RouteResult } from '../sandbox-router';
import type { TypeStore } from '../type-store';

/** Array query parameters arrive repeated (the SDK appends one per value) or comma separated (docs examples). */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function boolParam(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true';
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw validationError(`Unable to parse value for parameter "${name}": ${raw}`);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Body must be a JSON object; anything else is HubSpot's "Invalid input JSON" 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw validationError('Invalid input JSON: expected an object body');
  return body;
}

export function stringArray(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw validationError(`Invalid input JSON: ${field} must be an array of strings`);
  return value as string[];
}

export function propertiesOf(value: unknown, field = 'properties'): Record<string, string | null> {
  if (!isObject(value)) throw validationError(`Invalid input JSON: ${field} must be an object`);
  const result: Record<string, string | null> = {};
  for (const [name, v] of Object.entries(value)) {
    // The live API coerces JSON numbers and booleans to their string form.
    if (typeof v === 'number' || typeof v === 'boolean') result[name] = String(v);
    else if (typeof v === 'string') result[name] = v;
    else if (v === null) result[name] = null;
    else throw validationError(`Invalid input JSON: property ${name} must be a string`);
  }
  return result;
}

/** Resolves `associations=companies,contacts` for reads; unknown types are ignored (per the spec text). */
export function associationSelection(deps: SandboxDeps, names: string[] | undefined): ReadSelection['associations'] {
  if (!names) return undefined;
  const selected: NonNullable<ReadSelection['associations']> = [];
  for (const key of names) {
    const store = deps.store.findType(key);
    if (store) selected.push({ key, store });
  }
  return selected;
}

export function isArchivedFn(): (store: TypeStore, id: number) => boolean {
  return (store, id) => {
    const record = store.byId.get(id);
    return !record || record.archivedAt !== 0;
  };
}

/** Enforces a batch size limit with a 400 VALIDATION_ERROR (the live message wording is not recorded; ours is descriptive). */
export function checkBatchSize(inputs: unknown, max: number): unknown[] {
  if (!Array.isArray(inputs)) throw validationError('Invalid input JSON: inputs must be an array');
  if (inputs.length > max) {
    throw validationError(`Batch input limit exceeded: received ${inputs.length} inputs, the maximum is ${max}.`, { context: { limit: [String(max)] } });
  }
  return inputs;
}

export function batchEnvelope(startedAt: number, completedAt: number): { status: 'COMPLETE'; startedAt: string; completedAt: string } {
  return { status: 'COMPLETE', startedAt: new Date(startedAt).toISOString(), completedAt: new Date(completedAt).toISOString() };
}

/**
 * `okStatus` when every input succeeded, otherwise `partialStatus` (207 Multi-Status) with `errors` +
 * `numErrors` (spec: BatchResponse*WithErrors).
 */
export function batchResult(okStatus: number, startedAt: number, now: number, results: unknown[], errors: StandardError[], partialStatus = 207): RouteResult {
  const body: Record<string, unknown> = { ...batchEnvelope(startedAt, now), results };
  if (errors.length === 0) return { status: okStatus, body };
  return { status: partialStatus, body: { ...body, numErrors: errors.length, errors } };
}

/** A batch endpoint's per-input results and errors, timed from the handler's start (startedAt/completedAt). */
export class BatchReply {
  readonly results: unknown[] = [];
  readonly errors: StandardError[] = [];
  private readonly startedAt: number;

  constructor(private readonly clock: SandboxClock) {
    this.startedAt = clock.now();
  }

  /** `okStatus` when every input succeeded, otherwise `partialStatus` (see batchResult). */
  send(okStatus: number, partialStatus = 207): RouteResult {
    return batchResult(okStatus, this.startedAt, this.clock.now(), this.results, this.errors, partialStatus);
  }
}

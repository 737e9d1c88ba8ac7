import { randomUUID } from 'node:crypto';

/**
 * HubSpot's error envelope. Shape follows the `Error` schema of every v3 spec in
 * shared/fixtures/hubspot-openapi/v3 (required: category, correlationId (uuid), message) plus the
 * `status: "error"` field the live API adds (HubSpot/hubspot-api-python#117 shows real bodies).
 */
export interface HubspotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message: string; in?: string; code?: string; subCategory?: string; context?: Record<string, string[]> }>;
  links?: Record<string, string>;
  [extra: string]: unknown;
}

/** Thrown by route handlers; the server turns it into the HTTP response. */
export class HubspotHttpError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly body: HubspotErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export function errorBody(category: string, message: string, extra: Partial<HubspotErrorBody> = {}): HubspotErrorBody {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function validationError(message: string, extra: Partial<HubspotErrorBody> = {}): HubspotHttpError {
  return new HubspotHttpError(400, errorBody('VALIDATION_ERROR', message, extra));
}

export function notFound(message = 'resource not found'): HubspotHttpError {
  return new HubspotHttpError(404, errorBody('OBJECT_NOT_FOUND', message));
}

/**
 * The live API's answer to an unknown property in a write: 400 VALIDATION_ERROR whose message embeds a
 * JSON list of per-property results with `error: "PROPERTY_DOESNT_EXIST"` (as seen in real responses,
 * e.g. airbytehq/airbyte and hubspot-api-* issue threads quoting them).
 */
export function propertyDoesntExist(names: string[], portalId: number): HubspotHttpError {
  const details = names.map((name) => ({
    isValid: false,
    message: `Property "${name}" does not exist`,
    error: 'PROPERTY_DOESNT_EXIST',
    name,
    localizedErrorMessage: `Property "${name}" does not exist`,
    portalId,
  }));
  return validationError(`Property values were not valid: ${JSON.stringify(details)}`, {
    errors: names.map((name) => ({
      message: `Property "${name}" does not exist`,
      code: 'PROPERTY_DOESNT_EXIST',
      context: { propertyName: [name] },
    })),
  });
}

/** A per-input error inside a 207 batch response (`StandardError` schema: all six fields required). */
export interface StandardError {
  status: string;
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: Array<{ message: string; code?: string }>;
  links: Record<string, string>;
  id?: string;
}

export function standardError(category: string, message: string, context: Record<string, string[]>): StandardError {
  return { status: 'error', category, message, context, errors: [], links: {} };
}

/**
 * Salesforce REST error shapes. REST API Developer Guide, "Status Codes and Error Responses":
 * errors are an array of `{ message, errorCode, fields? }`; jsforce `src/http-api.ts` `getError()` reads
 * `message`/`errorCode` from a one-element array. Per-record DML errors (sObject Collections, composite,
 * `SaveResult.errors`) use `{ statusCode, message, fields }` instead.
 */
export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  toBody(): Array<Record<string, unknown>> {
    const entry: Record<string, unknown> = { message: this.message, errorCode: this.errorCode };
    if (this.fields) entry.fields = this.fields;
    return [entry];
  }
}

/** A validation error of one record in a DML operation. */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export class RecordValidationError extends Error {
  constructor(readonly error: RecordError) {
    super(error.message);
  }
}

export function recordError(statusCode: string, message: string, fields: string[] = []): RecordValidationError {
  return new RecordValidationError({ statusCode, message, fields });
}

export const notFound = (): SfApiError => new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

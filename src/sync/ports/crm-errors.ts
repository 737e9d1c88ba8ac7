/**
 * Every CRM failure is classified into one of four kinds by small pure functions in each adapter
 * (salesforce-errors.util.ts, hubspot-errors.util.ts); the engine decides what to do by kind only.
 */
export type CrmErrorKind = 'retryable' | 'rate_limited' | 'auth_expired' | 'permanent';

export interface CrmErrorInfo {
  kind: CrmErrorKind;
  /** Milliseconds to wait before the next call (Retry-After or the policy's window). */
  retryAfterMs?: number;
  /** Daily quota exhausted: stop the run cleanly and resume on a later schedule. */
  daily?: boolean;
  /** The CRM's own error code (INVALID_FIELD, RATE_LIMIT, …) for logs and status. */
  code?: string;
  /** A field the CRM says does not exist (deleted custom field): drop it and retry. */
  invalidField?: string;
  message: string;
  status?: number;
}

export class CrmError extends Error {
  readonly info: CrmErrorInfo;

  constructor(info: CrmErrorInfo) {
    super(info.message);
    this.name = 'CrmError';
    this.info = info;
  }

  get kind(): CrmErrorKind {
    return this.info.kind;
  }
}

/** The daily allocation is spent (or our budget guard says stop): the run pauses and resumes later. */
export class BudgetExhaustedError extends Error {
  constructor(message: string, readonly resumeAfter: Date | null = null) {
    super(message);
    this.name = 'BudgetExhaustedError';
  }
}

/**
 * The numeric tuning settings of a connection, with the ranges the CRMs and our engine accept. Checked when a
 * connection is created or its settings change, so a typo fails there with the field's name instead of at 3 a.m.
 * inside a sync run. Other settings (object mappings, budgets, intervals) are checked where they are resolved.
 */
/** Records per Salesforce Bulk result page when a connection does not set `bulkMaxRecords`. */
export const BULK_MAX_RECORDS_DEFAULT = 50_000;

// Lower bounds are 1, not the CRMs' own minimums (Salesforce treats a REST batch size under 200 as 200): small
// pages are how the tests exercise paging against the sandboxes.
const INTEGER_SETTINGS: Record<string, { min: number; max: number; why: string }> = {
  // Salesforce Bulk API 2.0 result pages (`maxRecords`): fewer calls per page vs memory held per page.
  bulkMaxRecords: { min: 1, max: 250_000, why: 'records per Bulk API result page' },
  // How many records of a Bulk result page are parsed and committed at a time (each part is a checkpoint).
  bulkPartRecords: { min: 1, max: 50_000, why: 'records per committed part of a Bulk result page' },
  // SOQL REST query batch size (Sforce-Query-Options batchSize, at most 2,000).
  restPageSize: { min: 1, max: 2_000, why: 'records per REST query page' },
  lookbackSeconds: { min: 0, max: 86_400, why: 'seconds re-read before the cursor' },
  leaseSeconds: { min: 1, max: 3_600, why: 'seconds a worker holds a connection object' },
};

/** The first problem with `settings` as `settings.<field> …`, or null when they are fine. */
export function settingsProblem(settings: Record<string, unknown> | undefined, merged?: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(settings ?? {})) {
    const rule = INTEGER_SETTINGS[key];
    if (!rule || value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
      return `settings.${key} must be an integer from ${rule.min} to ${rule.max} (${rule.why})`;
    }
  }
  const all = { ...(merged ?? {}), ...(settings ?? {}) } as { bulkMaxRecords?: number; bulkPartRecords?: number };
  const page = all.bulkMaxRecords ?? BULK_MAX_RECORDS_DEFAULT;
  if (all.bulkPartRecords !== undefined && all.bulkPartRecords !== null && all.bulkPartRecords > page) {
    return `settings.bulkPartRecords must not exceed bulkMaxRecords (${page})`;
  }
  return null;
}

/**
 * Every background job, with its payload type. One handler per job name (checked at worker start).
 * Modules add their jobs here so producers and handlers share one typed contract.
 */
export interface JobPayloads {
  'sync.object': { connectionId: string; objectType: string; mode: 'full' | 'incremental' | 'reconcile'; trigger?: string };
  'sync.connection': { connectionId: string; mode: 'full' | 'incremental' | 'reconcile'; trigger?: string };
  'sync.webhook-batch': { connectionId: string; events: Array<{ objectType: string; objectId: string; occurredAt: number; eventId: string }> };
  'score.accounts': { accountIds: string[]; reason: string };
  'score.full': { asOf?: string; reason: string };
  'write-back.connection': { connectionId: string; dryRun?: boolean };
  /** Recompute next best actions (after scoring); omitted accountIds = every account. */
  'recommendations.refresh': { accountIds?: string[]; reason: string };
  /** Daily: enrol new entrants into active nurture tracks and issue due steps. */
  'nurture.advance': { today?: string };
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES: JobName[] = [
  'sync.object',
  'sync.connection',
  'sync.webhook-batch',
  'score.accounts',
  'score.full',
  'write-back.connection',
  'recommendations.refresh',
  'nurture.advance',
];

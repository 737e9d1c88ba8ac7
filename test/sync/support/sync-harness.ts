import type { DataSource } from 'typeorm';
import { GraphDeletionRepository } from '../../../src/account-graph/sync/graph-deletion.repository';
import { IdentityUpsertRepository } from '../../../src/account-graph/sync/identity-upsert.repository';
import { RelatedUpsertRepository } from '../../../src/account-graph/sync/related-upsert.repository';
import type { AppConfig } from '../../../src/config/app-config';
import { QueueService } from '../../../src/platform/queue/queue.service';
import { ConnectionService } from '../../../src/sync/connections/connection.service';
import { CrmAdapterFactory } from '../../../src/sync/connections/crm-adapter.factory';
import { PageCommitter } from '../../../src/sync/engine/page-committer.service';
import { SyncEngine } from '../../../src/sync/engine/sync-engine.service';
import { SyncStateRepository } from '../../../src/sync/engine/sync-state.repository';
import { RateLimiterService } from '../../../src/sync/limits/rate-limiter.service';

/** The sync services wired by hand on a test database (no Nest container, no other feature modules). */
export interface SyncHarness {
  connections: ConnectionService;
  engine: SyncEngine;
  queue: QueueService;
  state: SyncStateRepository;
  close(): Promise<void>;
}

export function testConfig(): AppConfig {
  return {
    env: 'test', database: { kind: 'pglite', dataDir: 'memory://' }, http: { host: '127.0.0.1', port: 0 },
    encryptionKey: Buffer.alloc(32, 7), encryptionKeyIsDevelopment: true, workers: 'off', sandbox: 'off',
    log: { level: 'error', json: false }, crm: {},
  };
}

export async function createSyncHarness(ds: DataSource, options: { queue?: boolean } = {}): Promise<SyncHarness> {
  const connections = new ConnectionService(ds, testConfig());
  const state = new SyncStateRepository(ds);
  const identity = new IdentityUpsertRepository();
  const related = new RelatedUpsertRepository();
  const deletion = new GraphDeletionRepository(identity, related);
  const queue = new QueueService(ds);
  if (options.queue) await queue.start({ schedule: false, supervise: false });
  const committer = new PageCommitter(ds, state, identity, related, deletion, queue);
  const engine = new SyncEngine(ds, connections, new CrmAdapterFactory(connections), new RateLimiterService(ds), state, committer, deletion);
  return { connections, engine, queue, state, close: async () => queue.stop(1000) };
}

/** Empties every table the sync writes (between tests sharing one database). */
export async function cleanSyncTables(ds: DataSource): Promise<void> {
  await ds.query(`TRUNCATE activities, account_contact_roles, opportunity_contact_roles, license_records, opportunities, contact_sources, contacts, account_sources, accounts,
    quarantined_records, sync_runs, sync_cursors, api_rate_buckets, api_usage_daily, write_back_ledger, crm_connections CASCADE`);
}

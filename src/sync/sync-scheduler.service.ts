import { Injectable, Logger } from '@nestjs/common';
import { QueueService } from '../platform/queue/queue.service';
import { ConnectionService } from './connections/connection.service';
import { SyncEngine } from './engine/sync-engine.service';

/**
 * pg-boss schedules per connection and object: a frequent cheap incremental poll (Salesforce every
 * 5 minutes, HubSpot every 15 — webhooks carry its near-real-time changes) and a nightly reconciliation.
 * Manual triggers go through `trigger` with a singletonKey so a double click queues one run.
 */
@Injectable()
export class SyncScheduler {
  private readonly logger = new Logger('SyncScheduler');

  constructor(private readonly queue: QueueService, private readonly connections: ConnectionService, private readonly engine: SyncEngine) {}

  async scheduleAll(): Promise<void> {
    for (const c of await this.connections.list()) if (c.status === 'active') await this.scheduleConnection(c.id);
  }

  async scheduleConnection(connectionId: string): Promise<void> {
    if (!this.queue.isStarted()) return;
    const conn = await this.connections.get(connectionId);
    const settings = conn.settings as { reconcileCron?: string };
    for (const m of this.engine.mappings(conn)) {
      const minutes = Math.max(1, Math.min(59, m.intervalMinutes ?? (conn.provider === 'salesforce' ? 5 : 15)));
      await this.queue.schedule('sync.object', `*/${minutes} * * * *`, { connectionId: conn.id, objectType: m.crmObject, mode: 'incremental', trigger: 'schedule' }, `sync:${conn.id}:${m.crmObject}`);
    }
    await this.queue.schedule('sync.connection', settings.reconcileCron ?? '17 3 * * *', { connectionId: conn.id, mode: 'reconcile', trigger: 'nightly' }, `reconcile:${conn.id}`);
    this.logger.log(`scheduled sync for connection ${conn.name}`);
  }

  async trigger(connectionId: string, mode: 'full' | 'incremental' | 'reconcile', objectType?: string): Promise<string | null> {
    if (objectType) return this.queue.send('sync.object', { connectionId, objectType, mode, trigger: 'manual' }, { singletonKey: `manual:${connectionId}:${objectType}:${mode}` });
    return this.queue.send('sync.connection', { connectionId, mode, trigger: 'manual' }, { singletonKey: `manual:${connectionId}:${mode}` });
  }
}

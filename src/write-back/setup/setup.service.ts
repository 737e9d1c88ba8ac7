import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrmConnection } from '../../sync/entities/crm-connection.entity';
import { CountingCallHooks } from '../engine/counting-call-hooks.util';
import { WriteBackService } from '../engine/write-back.service';
import { WriterFactory } from '../engine/writer-factory.service';
import type { SetupReport } from '../ports/write-back-writer.port';

/**
 * `abm setup <connection>`: HubSpot gets our property group and properties (created only when missing,
 * so running it twice changes nothing); Salesforce is verified by describe, because its fields ship in
 * the SFDX package. `--remove` archives what setup created in HubSpot.
 */
@Injectable()
export class SetupService {
  constructor(private readonly writeBack: WriteBackService, private readonly writers: WriterFactory, private readonly dataSource?: DataSource) {}

  async setup(connectionName: string, options: { remove: boolean; dryRun: boolean }): Promise<SetupReport & { connection: string; apiCalls: number }> {
    const connection = await this.writeBack.findConnection(connectionName);
    const hooks = new CountingCallHooks(this.writers.sharedHooksFor(connection));
    const writer = this.writers.create(connection, hooks);
    const report = await writer.setup(options);
    // The sync recognises our writes as echoes by this user (LastModifiedById): record it once, here,
    // so write-back runs never spend a call on it.
    if (!options.remove && !options.dryRun && !connection.integrationUserId && this.dataSource) {
      const userId = await writer.integrationUserId().catch(() => null);
      if (userId) await this.dataSource.getRepository(CrmConnection).update(connection.id, { integrationUserId: userId });
      else if (connection.provider === 'salesforce') report.instructions.push('Could not read the integration user id (oauth2/userinfo): set integrationUserId on the connection so the sync ignores our own writes.');
    }
    return { ...report, connection: connection.name, apiCalls: hooks.total };
  }
}

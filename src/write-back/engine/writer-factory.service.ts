import { Inject, Injectable, Optional } from '@nestjs/common';
import { HubspotWriterAdapter } from '../../../integrations/hubspot/src/hubspot-writer.adapter';
import { SalesforceWriterAdapter } from '../../../integrations/salesforce/src/salesforce-writer.adapter';
import { CrmAdapterFactory } from '../../sync/connections/crm-adapter.factory';
import type { CrmConnection } from '../../sync/entities/crm-connection.entity';
import type { CallHooks } from '../../sync/ports/crm-types';
import type { WriteBackWriter } from '../ports/write-back-writer.port';
import { resolveMappings } from '../../sync/mapping/default-mappings';
import type { LicenseObjectDefinition } from '../../../integrations/hubspot/src/hubspot-license-schema.util';
import { writeBackSettings, type WriteBackSettings } from './write-back-settings.util';

/** The license object setup creates: its properties are what the sync's license mapping reads. */
function licenseObjectFor(connection: CrmConnection, settings: WriteBackSettings): LicenseObjectDefinition | null {
  if (!settings.licenseObject) return null;
  const name = settings.licenseObject.name;
  const mapping = resolveMappings('hubspot', connection.settings ?? {}).find((m) => m.kind === 'license' && m.crmObject === name);
  return { name, properties: { ...(mapping?.fields ?? {}), ...(mapping?.custom ?? {}) }, associatedObjects: mapping?.associations ?? ['companies'] };
}

/** Lets the sync module hand in its shared rate limiter / budget guard per connection. */
export const SHARED_CALL_HOOKS = Symbol('SHARED_CALL_HOOKS');
export type SharedCallHooksProvider = (connection: CrmConnection) => CallHooks;

/**
 * Builds the writer for one connection on the sync's transports (CrmAdapterFactory): the same auth,
 * token persistence, retries and error classification as the reads, so write-back has no second copy.
 */
@Injectable()
export class WriterFactory {
  constructor(
    private readonly adapters: CrmAdapterFactory,
    @Optional() @Inject(SHARED_CALL_HOOKS) private readonly sharedHooks?: SharedCallHooksProvider,
  ) {}

  sharedHooksFor(connection: CrmConnection): CallHooks | undefined {
    return this.sharedHooks?.(connection);
  }

  create(connection: CrmConnection, hooks: CallHooks): WriteBackWriter {
    const settings = writeBackSettings(connection);
    if (connection.provider === 'hubspot') {
      return new HubspotWriterAdapter(this.adapters.hubspotHttp(connection, hooks), { companyObject: settings.accountObject ?? 'companies', licenseObject: licenseObjectFor(connection, settings) });
    }
    return new SalesforceWriterAdapter(this.adapters.salesforceHttp(connection, hooks), {
      namespacePrefix: connection.namespacePrefix,
      bulkThreshold: settings.bulkThreshold,
      recommendationsAs: settings.tasks.target === 'recommendation_object' ? 'object' : 'task',
    });
  }
}

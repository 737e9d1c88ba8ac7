import { Client } from '@hubspot/api-client';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { resolveMappings } from '../../src/sync/mapping/default-mappings';
import { WriteBackLedgerService } from '../../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { WriteBackService } from '../../src/write-back/engine/write-back.service';
import { SetupService } from '../../src/write-back/setup/setup.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seedConnection, testWriterFactory } from './support/write-back-seed.util';

jest.setTimeout(60_000);

describe('abm setup creates the HubSpot license custom object when configured', () => {
  let db: TestDatabase;
  let sandbox: HubspotSandbox;
  let client: Client;
  let setup: SetupService;

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startHubspotSandbox({ rateLimits: { enabled: false } });
    client = new Client({ accessToken: sandbox.privateAppToken, basePath: sandbox.url });
    const secrets = { accessToken: sandbox.privateAppToken };
    await seedConnection(db.dataSource, { name: 'hs', provider: 'hubspot', baseUrl: sandbox.url, secrets, settings: { writeBack: { licenseObject: true } } });
    await seedConnection(db.dataSource, { name: 'hs-plain', provider: 'hubspot', baseUrl: sandbox.url, secrets });
    const writers = testWriterFactory(db.dataSource);
    setup = new SetupService(new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), writers), writers);
  });

  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  const licenseSchemas = async () => (await client.crm.schemas.coreApi.getAll()).results.filter((s) => s.name === 'licenses');
  const licenseItem = (report: { items: Array<{ kind: string; name: string; status: string }> }) => report.items.filter((i) => i.kind === 'custom_object');

  it('is left alone when the connection does not ask for it', async () => {
    const report = await setup.setup('hs-plain', { remove: false, dryRun: false });
    expect(report.ok).toBe(true);
    expect(licenseItem(report)).toEqual([]);
    expect(await licenseSchemas()).toEqual([]);
  });

  it('creates the schema the sync reads (every mapped property, associated to companies), once', async () => {
    expect(licenseItem(await setup.setup('hs', { remove: false, dryRun: true }))).toEqual([expect.objectContaining({ name: 'licenses', status: 'missing' })]);
    expect(await licenseSchemas()).toEqual([]);
    const first = await setup.setup('hs', { remove: false, dryRun: false });
    expect(first.ok).toBe(true);
    expect(licenseItem(first)).toEqual([expect.objectContaining({ name: 'licenses', status: 'created' })]);
    const [schema] = await licenseSchemas();
    const mapping = resolveMappings('hubspot', {}).find((m) => m.kind === 'license' && m.crmObject === 'licenses')!;
    const props = new Map(schema.properties.map((p) => [p.name, p.type]));
    for (const name of [...Object.values(mapping.fields), ...Object.values(mapping.custom ?? {})]) expect(props.has(name)).toBe(true);
    expect([props.get('seats'), props.get('start_date'), props.get('product')]).toEqual(['number', 'date', 'string']);
    expect(schema.associations.some((a) => a.toObjectTypeId === '0-2')).toBe(true);
    // A license record can be written and read like the sync reads it.
    const typeId = String(schema.objectTypeId);
    const created = await client.crm.objects.basicApi.create(typeId, { properties: { license_name: 'Pro', seats: '25', start_date: '2026-01-01' }, associations: [] });
    const read = await client.crm.objects.basicApi.getById(typeId, created.id, ['seats', 'start_date']);
    expect(read.properties).toMatchObject({ seats: '25', start_date: '2026-01-01' });
    await client.crm.objects.basicApi.archive(typeId, created.id);
    const second = await setup.setup('hs', { remove: false, dryRun: false });
    expect(licenseItem(second)).toEqual([expect.objectContaining({ name: 'licenses', status: 'present' })]);
    expect(await licenseSchemas()).toHaveLength(1);
  });

  it('--remove archives it, and a second --remove finds nothing to do', async () => {
    const removed = await setup.setup('hs', { remove: true, dryRun: false });
    expect(licenseItem(removed)).toEqual([expect.objectContaining({ name: 'licenses', status: 'archived' })]);
    expect(await licenseSchemas()).toEqual([]);
    const again = await setup.setup('hs', { remove: true, dryRun: false });
    expect(licenseItem(again)).toEqual([expect.objectContaining({ name: 'licenses', status: 'absent' })]);
  });
});

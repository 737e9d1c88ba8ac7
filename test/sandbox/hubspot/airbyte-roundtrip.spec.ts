import { Client } from '@hubspot/api-client';
import type { HubspotSandbox } from '../../../src/sandbox/hubspot';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AIRBYTE_STREAMS, seedAirbyteRecords, toWireProperties, type AirbyteLine } from '../../../src/sandbox/hubspot/airbyte-fixture.util';
import { useHarness } from './support/sandbox-harness';

const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

const FIXTURE = join(__dirname, '../../../../shared/fixtures/airbyte-hubspot-expected_records.jsonl');

describe('HubSpot sandbox: real records recorded by Airbyte round-trip unchanged', () => {
  const lines = readFileSync(FIXTURE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AirbyteLine);
  const supported = lines.filter((l) => AIRBYTE_STREAMS[l.stream]);

  const h = useHarness(sdk, { rateLimits: { enabled: false }, searchLagMs: 0 });
  beforeAll(() => {
    seedAirbyteRecords(h.sandbox.store, lines);
  });

  it('covers every CRM-object stream of the fixture (companies, contacts, deals, line items, notes, tasks, two custom objects)', () => {
    expect(supported).toHaveLength(25);
  });

  it('serves every record with identical id, timestamps, archived flag and property values (nulls included)', async () => {
    for (const line of supported) {
      const type = h.sandbox.store.typeStore(AIRBYTE_STREAMS[line.stream]).def.objectTypeId;
      const names = Object.keys(line.data.properties ?? {});
      const read = await h.client.crm.objects.basicApi.getById(type, String(line.data.id), names);
      expect({ id: read.id, createdAt: read.createdAt.toISOString(), updatedAt: read.updatedAt.toISOString(), archived: read.archived }).toEqual({
        id: String(line.data.id),
        createdAt: line.data.createdAt,
        updatedAt: line.data.updatedAt,
        archived: line.data.archived,
      });
      expect(read.properties).toEqual(toWireProperties(line.data.properties ?? {}));
    }
  });

  it('returns the same association lists as the recording (one entry per association type)', async () => {
    const company = lines.find((l) => l.stream === 'companies' && Array.isArray(l.data.contacts)) as AirbyteLine;
    const read = await h.client.crm.companies.basicApi.getById(String(company.data.id), ['name'], undefined, ['contacts']);
    expect(read.associations?.contacts.results.map((r) => r.id)).toEqual(company.data.contacts);
    const contact = lines.find((l) => l.stream === 'contacts' && String(l.data.id) === '151') as AirbyteLine;
    const back = await h.client.crm.contacts.basicApi.getById('151', ['email'], undefined, ['companies']);
    expect(back.associations?.companies.results.map((r) => r.id)).toEqual(contact.data.companies);
  });

  it('lists the seeded companies in id order through getPage', async () => {
    const page = await h.client.crm.companies.basicApi.getPage(100, undefined, ['domain']);
    const expected = supported.filter((l) => l.stream === 'companies').map((l) => String(l.data.id)).sort((a, b) => Number(a) - Number(b));
    expect(page.results.map((r) => r.id)).toEqual(expected);
  });
});

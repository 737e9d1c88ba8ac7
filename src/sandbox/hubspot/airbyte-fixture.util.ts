import type { HubspotStore } from './hubspot-store';

/**
 * Seeds the sandbox with the records Airbyte recorded from a real HubSpot account
 * (shared/fixtures/airbyte-hubspot-expected_records.jsonl). Airbyte stores them slightly transformed:
 * numbers and booleans typed, datetimes as `2020-12-10T07:58:09.554000+00:00`, association ids as
 * connector extras (`companies: ["…","…"]`, one entry per association type). `toWireValue` undoes those
 * transformations so the sandbox holds what the API sent.
 */
export interface AirbyteLine {
  stream: string;
  data: { id: string | number; properties?: Record<string, unknown>; createdAt?: string; updatedAt?: string; archived?: boolean; [extra: string]: unknown };
}

/** Airbyte stream -> sandbox object type (custom object streams are created as custom types). */
export const AIRBYTE_STREAMS: Record<string, string> = {
  companies: 'companies',
  contacts: 'contacts',
  deals: 'deals',
  line_items: 'line_items',
  engagements_notes: 'notes',
  engagements_tasks: 'tasks',
  pets: 'pets',
  cars: 'cars',
};

const AIRBYTE_DATETIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00:00$/;

/** Property value as HubSpot's API carries it (every value a string, datetimes in ISO-8601 `Z` form). */
export function toWireValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  const match = AIRBYTE_DATETIME.exec(text);
  if (!match) return text;
  return match[2] === undefined ? `${match[1]}Z` : `${match[1]}.${match[2].padEnd(3, '0').slice(0, 3)}Z`;
}

export function toWireProperties(properties: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toWireValue(v)]));
}

export interface SeededFixture {
  /** Per object type, the ids seeded. */
  ids: Record<string, string[]>;
  associations: number;
}

/** Loads the supported streams; other streams (owners, forms, …) have no sandbox endpoint and are skipped. */
export function seedAirbyteRecords(store: HubspotStore, lines: AirbyteLine[]): SeededFixture {
  const ids: Record<string, string[]> = {};
  for (const custom of ['pets', 'cars']) {
    if (lines.some((l) => l.stream === custom) && !store.findType(custom)) store.createCustomType(custom, custom, []);
  }
  for (const line of lines) {
    const type = AIRBYTE_STREAMS[line.stream];
    if (!type) continue;
    const { data } = line;
    const [id] = store.insertMany(
      type,
      [
        {
          id: String(data.id),
          properties: toWireProperties(data.properties ?? {}),
          createdAt: data.createdAt ? new Date(data.createdAt) : undefined,
          updatedAt: data.updatedAt ? new Date(data.updatedAt) : undefined,
        },
      ],
      { autoDefine: true },
    );
    (ids[type] ??= []).push(id);
  }
  let associations = 0;
  for (const line of lines) {
    const from = AIRBYTE_STREAMS[line.stream];
    if (!from) continue;
    for (const [key, value] of Object.entries(line.data)) {
      const to = AIRBYTE_STREAMS[key];
      if (!to || !Array.isArray(value)) continue;
      const counts = new Map<string, number>();
      for (const target of value) counts.set(String(target), (counts.get(String(target)) ?? 0) + 1);
      for (const [target, count] of counts) {
        // One list entry per association type: the unlabeled default, plus "Primary" when listed twice.
        associations += store.associateMany(from, to, [[String(line.data.id), target]]);
        if (count > 1) associations += store.associateMany(from, to, [[String(line.data.id), target]], 'Primary');
      }
    }
  }
  return { ids, associations };
}

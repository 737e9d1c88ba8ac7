import { NurtureRunnerService } from '../../src/recommendations/nurture/nurture-runner.service';
import { NurtureTracksService } from '../../src/recommendations/nurture/nurture-tracks.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seedConnection, seedScoredAccounts } from '../write-back/support/write-back-seed.util';

jest.setTimeout(60_000);

const definition = (overrides: Record<string, unknown> = {}) => ({
  entry: { tiers: ['A', 'B', 'C', 'D'] },
  steps: [
    { stage: 'awareness', role: '*', content: 'Industry report', channel: 'email', owner: 'marketing', waitBusinessDays: 0 },
    { stage: 'consideration', role: 'champion', content: 'Case study call', channel: 'call', owner: 'rep', waitBusinessDays: 2 },
  ],
  exits: ['opt_out', 'opportunity_opened', 'goal_met', 'reply'],
  calendar: { country: 'KR' },
  caps: { perContactPerWeek: 3, perAccountPerWeek: 1 },
  variants: [{ name: 'A', weight: 1 }, { name: 'B', weight: 1, contentOverrides: { '0': 'Short video' } }],
  holdoutPercent: 0,
  ...overrides,
});

describe('nurture tracks: enrolment, steps on business days, caps across tracks, exits', () => {
  let db: TestDatabase;
  let tracks: NurtureTracksService;
  let runner: NurtureRunnerService;
  let accountIds: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const conn = await seedConnection(db.dataSource, { name: 'hs', provider: 'hubspot', baseUrl: 'http://127.0.0.1:9', secrets: {} });
    accountIds = await seedScoredAccounts(db.dataSource, conn, 'hubspot', 'companies', ['1', '2', '3', '4']);
    await db.dataSource.query(`INSERT INTO contacts (account_id, first_name, email_opt_out) SELECT (x)::uuid, 'C', false FROM jsonb_array_elements_text($1::jsonb) x`, [JSON.stringify(accountIds.slice(0, 3))]);
    await db.dataSource.query(`INSERT INTO contacts (account_id, first_name, email_opt_out) VALUES ($1, 'Opted', true)`, [accountIds[3]]);
    tracks = new NurtureTracksService(db.dataSource);
    runner = new NurtureRunnerService(db.dataSource);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('rejects an invalid definition naming the field', async () => {
    await expect(tracks.create({ name: 'bad', definition: definition({ caps: {} }) }, null)).rejects.toMatchObject({ response: { message: expect.arrayContaining([expect.stringContaining('caps.perContactPerWeek')]) } });
  });

  it('issues the first step, queues a second track over the weekly account cap, exits opted-out accounts, and waits business days', async () => {
    const t1 = await tracks.create({ name: 'Welcome', status: 'active', definition: definition() }, 'marketer');
    const t2 = await tracks.create({ name: 'Upsell', status: 'active', definition: definition() }, 'marketer');
    // 2026-02-13 is a Friday before Seollal (Feb 16–18).
    expect((await tracks.enrol(t1.id, '2026-02-13')).enrolled).toBe(4);
    expect((await tracks.enrol(t1.id, '2026-02-13')).enrolled).toBe(0);
    await tracks.enrol(t2.id, '2026-02-13');
    const first = await runner.advance('2026-02-13');
    expect(first.exited.opt_out).toBe(2);
    expect(first.stepsIssued).toBe(3);
    expect(first.queuedByCap).toBe(3);
    const recs: Array<{ reason: string; owner_type: string }> = await db.dataSource.query(`SELECT reason, owner_type FROM recommendations WHERE track_id IS NOT NULL`);
    expect(recs.every((r) => r.owner_type === 'marketing')).toBe(true);
    expect(recs.some((r) => r.reason.includes('Short video')) || recs.some((r) => r.reason.includes('Industry report'))).toBe(true);
    const next: Array<{ next: string }> = await db.dataSource.query(
      `SELECT DISTINCT to_char(next_step_at, 'YYYY-MM-DD') AS next FROM nurture_enrolments WHERE track_id = $1 AND status = 'active'`, [t1.id]);
    // Step 2 waits 2 business days after Friday Feb 13: Mon–Wed are Seollal, so Thu 19 and Fri 20 → Feb 20.
    expect(next.map((n) => n.next)).toEqual(['2026-02-20']);
    const queued: Array<{ next: string }> = await db.dataSource.query(
      `SELECT DISTINCT to_char(next_step_at, 'YYYY-MM-DD') AS next FROM nurture_enrolments WHERE track_id = $1 AND status = 'active'`, [t2.id]);
    expect(queued.map((n) => n.next)).toEqual(['2026-02-19']);
  });

  it('exits an account whose opportunity opened after enrolment', async () => {
    await db.dataSource.query(
      `INSERT INTO opportunities (connection_id, provider, object_type, crm_id, account_id, name, crm_created_at) VALUES ('00000000-0000-4000-8000-0000000000ff', 'hubspot', 'deals', 'D1', $1, 'Deal', now())`,
      [accountIds[0]],
    );
    const run = await runner.advance('2026-02-20');
    expect(run.exited.opportunity_opened).toBeGreaterThanOrEqual(1);
  });
});

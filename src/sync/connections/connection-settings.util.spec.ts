import { settingsProblem } from './connection-settings.util';

describe('connection tuning settings', () => {
  it('accepts sensible values and settings it does not check', () => {
    expect(settingsProblem({ bulkMaxRecords: 50_000, bulkPartRecords: 5_000, restPageSize: 2_000, lookbackSeconds: 600, objects: { x: 1 } })).toBeNull();
    expect(settingsProblem(undefined)).toBeNull();
  });

  it('names the field and its range for a wrong type, a fraction or an out-of-range value', () => {
    expect(settingsProblem({ bulkPartRecords: '5000' })).toBe('settings.bulkPartRecords must be an integer from 1 to 50000 (records per committed part of a Bulk result page)');
    expect(settingsProblem({ restPageSize: 2.5 })).toMatch(/^settings\.restPageSize must be an integer from 1 to 2000/);
    expect(settingsProblem({ bulkMaxRecords: 0 })).toMatch(/^settings\.bulkMaxRecords must be an integer/);
    expect(settingsProblem({ leaseSeconds: 86_400 })).toMatch(/^settings\.leaseSeconds must be an integer from 1 to 3600/);
  });

  it('checks a part against the page size, also the one already stored', () => {
    expect(settingsProblem({ bulkPartRecords: 20_000, bulkMaxRecords: 10_000 })).toBe('settings.bulkPartRecords must not exceed bulkMaxRecords (10000)');
    expect(settingsProblem({ bulkPartRecords: 20_000 }, { bulkMaxRecords: 10_000 })).toMatch(/must not exceed bulkMaxRecords/);
    expect(settingsProblem({ bulkPartRecords: 20_000 })).toBeNull();
  });
});

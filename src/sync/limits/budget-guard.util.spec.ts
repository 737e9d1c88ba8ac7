import { BudgetExhaustedError } from '../ports/crm-errors';
import { BudgetGuard } from './budget-guard.util';
import { bucketShape } from './rate-limiter.service';

describe('BudgetGuard', () => {
  it('stops when the org-wide usage reaches the total percentage', () => {
    const guard = new BudgetGuard({ totalPercent: 80, perRunPercent: 50 });
    guard.observe({ used: 799, max: 1000 });
    expect(() => guard.beforeCall()).not.toThrow();
    guard.observe({ used: 800, max: 1000 });
    expect(() => guard.beforeCall()).toThrow(BudgetExhaustedError);
  });

  it('stops when this run alone used its share', () => {
    const guard = new BudgetGuard({ totalPercent: 100, perRunPercent: 1 }, { used: 0, max: 1000 });
    for (let i = 0; i < 10; i++) guard.beforeCall();
    expect(() => guard.beforeCall()).toThrow(/this run used 10 calls/);
  });

  it('lets calls through while no usage reading exists', () => {
    const guard = new BudgetGuard({ totalPercent: 1, perRunPercent: 1 });
    for (let i = 0; i < 100; i++) guard.beforeCall();
  });
});

describe('bucketShape', () => {
  it('never allows more than share × limit in one window', () => {
    for (const limit of [5, 100, 110, 190, 250]) {
      const { capacity, refillPerSecond } = bucketShape({ key: 'k', limit, windowSeconds: 10, share: 0.9 });
      expect(capacity + refillPerSecond * 10).toBeLessThanOrEqual(limit * 0.9 + 1e-9);
      expect(capacity).toBeGreaterThanOrEqual(1);
    }
  });

  it('sustains within 3 % of our share for the HubSpot tiers, with a few tokens per take', () => {
    for (const limit of [100, 110, 190, 250]) {
      const { capacity, refillPerSecond } = bucketShape({ key: 'k', limit, windowSeconds: 10, share: 0.9 });
      expect(refillPerSecond * 10).toBeGreaterThanOrEqual(limit * 0.9 * 0.97);
      expect(capacity).toBeGreaterThanOrEqual(limit >= 190 ? 4 : 2);
    }
  });
});

import { BudgetExhaustedError } from '../ports/crm-errors';

/** Percentages of the CRM's daily allocation we may use: in total (all integrations) and per run. */
export interface BudgetPolicy {
  totalPercent: number;
  perRunPercent: number;
}

export const DEFAULT_BUDGET: BudgetPolicy = { totalPercent: 80, perRunPercent: 25 };

/**
 * The quota guard singer's tap-salesforce uses (quota_percent_total 80 %, quota_percent_per_run 25 %),
 * fed by Sforce-Limit-Info / X-HubSpot-RateLimit-Daily readings: throws before a call that would take
 * the org past either line, so the customer's other integrations are never starved.
 */
export class BudgetGuard {
  private lastUsage: { used: number; max: number } | null = null;
  private runCalls = 0;

  constructor(private readonly policy: BudgetPolicy, initialUsage: { used: number; max: number } | null = null) {
    this.lastUsage = initialUsage;
  }

  observe(usage: { used: number; max: number } | undefined): void {
    if (usage && usage.max > 0) this.lastUsage = usage;
  }

  beforeCall(): void {
    const u = this.lastUsage;
    if (u && u.max > 0) {
      if (u.used / u.max >= this.policy.totalPercent / 100) {
        throw new BudgetExhaustedError(`daily API usage at ${u.used}/${u.max} (limit ${this.policy.totalPercent}% of the allocation)`);
      }
      if (this.runCalls >= (u.max * this.policy.perRunPercent) / 100) {
        throw new BudgetExhaustedError(`this run used ${this.runCalls} calls (limit ${this.policy.perRunPercent}% of ${u.max} per run)`);
      }
    }
    this.runCalls++;
  }

  usage(): { used: number; max: number } | null {
    return this.lastUsage;
  }
}

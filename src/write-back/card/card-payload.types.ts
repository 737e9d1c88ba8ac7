/** TypeScript shape of card-payload.schema.json (the contract with the Salesforce LWC and HubSpot card). */
export interface CardPayload {
  crm: { provider: 'salesforce' | 'hubspot'; objectType: string; id: string };
  account: { id: string; name: string };
  score: { value: number; tier: 'A' | 'B' | 'C' | 'D' | null; trend: Array<{ at: string; value: number }>; delta: number | null; deltaReasons: string[] };
  topReasons: Array<{ factor: string; text: string; contribution: number }>;
  committee: {
    coverage: number;
    members: Array<{ contactId: string; name: string; title: string | null; role: string | null; engaged: boolean }>;
    missingRoles: string[];
    singleThreaded: boolean;
  };
  loyalty: {
    score: number | null;
    tenureMonths: number | null;
    churnRisk: number | null;
    /** The churn risk and what drives it, in words (null with churnRisk). */
    churnRiskReason: string | null;
    renewal: { nextRenewalDate: string | null; daysToRenewal: number | null; window: 'T-180' | 'T-120' | 'T-90' | 'T-60' | null };
  };
  nextActions: Array<{ id: string; action: string; reason: string; owner: string | null; dueDate: string | null; expectedImpact: number | null; status: 'open' | 'accepted' | 'done' | 'dismissed' }>;
  freshness: { updatedAt: string; ageSeconds: number; stale: boolean };
}

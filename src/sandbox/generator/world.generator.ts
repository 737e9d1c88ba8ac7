import { generateCompany } from './company.generator';
import { generateContacts } from './contact.generator';
import { generateCases, generateLicenses } from './history.generator';
import { generateActivities, generateOpportunities } from './pipeline.generator';
import { loadTitleCatalog, type TitleCatalog } from './title-source.util';
import { accountLatents } from './truth';
import { planWorld, type WorldPlan } from './world-plan.util';
import type { AccountBundle, WorldCounts, WorldOptions } from './world.types';

/**
 * Streams a world account by account. Each account's records come from streams seeded by
 * (seed, account index, purpose), so the output is identical for a given seed whatever the chunk size,
 * and memory stays bounded by one chunk of bundles.
 */
export function generateAccount(plan: WorldPlan, index: number, catalog: TitleCatalog): AccountBundle {
  const company = generateCompany(plan, index);
  const { truth, coreRolesHeld } = accountLatents(plan, company);
  const contacts = generateContacts(plan, company, plan.contactsPer[index], coreRolesHeld, catalog);
  const licenses = company.customer ? generateLicenses(plan, company, plan.licensesPer[index], truth.drivers.loyalty) : [];
  const cases = generateCases(plan, company, contacts, truth.drivers.loyalty);
  const activities = generateActivities(plan, company, contacts, truth);
  const opportunities = generateOpportunities(plan, company, contacts, licenses, truth);
  return { company, contacts, licenses, cases, activities, opportunities, truth };
}

export interface WorldStream {
  plan: WorldPlan;
  catalog: TitleCatalog;
  chunks: Generator<AccountBundle[]>;
}

function* chunksOf(plan: WorldPlan, catalog: TitleCatalog): Generator<AccountBundle[]> {
  const { accounts } = plan.options.sizes;
  const size = Math.max(1, plan.options.chunkSize);
  for (let start = 0; start < accounts; start += size) {
    const end = Math.min(accounts, start + size);
    const chunk: AccountBundle[] = new Array(end - start);
    for (let i = start; i < end; i++) chunk[i - start] = generateAccount(plan, i, catalog);
    yield chunk;
  }
}

export function streamWorld(options: WorldOptions): WorldStream {
  const plan = planWorld(options);
  const catalog = loadTitleCatalog(options.titlesDir);
  return { plan, catalog, chunks: chunksOf(plan, catalog) };
}

export function emptyCounts(): WorldCounts {
  return { accounts: 0, contacts: 0, licenses: 0, cases: 0, activities: 0, opportunities: 0 };
}

export function addCounts(counts: WorldCounts, bundle: AccountBundle): void {
  counts.accounts += 1;
  counts.contacts += bundle.contacts.length;
  counts.licenses += bundle.licenses.length;
  counts.cases += bundle.cases.length;
  counts.activities += bundle.activities.length;
  counts.opportunities += bundle.opportunities.length;
}

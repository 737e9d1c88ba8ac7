import { ENGLISH_FIRST_NAMES, ENGLISH_LAST_NAMES, KOREAN_FAMILY_NAMES, KOREAN_GIVEN_NAMES } from './name-pools.constants';
import { Rng } from '../shared/prng.util';
import { STREAM } from './streams.constants';
import { englishTitlesFor, type TitleCatalog } from './title-source.util';
import { koreanTitle } from './title-rules.util';
import type { WorldPlan } from './world-plan.util';
import { CORE_COMMITTEE_ROLES, type BuyingRole, type Department, type Seniority, type WorldCompany, type WorldContact } from './world.types';

const DAY_MS = 86_400_000;
/** Share of role holders whose role is written into the CRM field; the rest must be inferred. */
export const ROLE_RECORDED_SHARE = 0.3;

/** Where each role's holder typically sits (departments) and how senior they are (min..max). */
const ROLE_PROFILES: Readonly<Record<BuyingRole, { depts: readonly Department[]; seniority: readonly [Seniority, Seniority] }>> = {
  decision_maker: { depts: ['executive', 'it', 'operations', 'marketing'], seniority: [4, 5] },
  economic_buyer: { depts: ['finance', 'finance', 'executive'], seniority: [3, 5] },
  champion: { depts: ['marketing', 'sales', 'it', 'operations'], seniority: [2, 3] },
  technical_evaluator: { depts: ['it', 'security', 'engineering'], seniority: [1, 3] },
  procurement: { depts: ['procurement'], seniority: [1, 3] },
  legal_compliance: { depts: ['legal', 'legal', 'security'], seniority: [1, 4] },
  executive_sponsor: { depts: ['executive'], seniority: [5, 5] },
  influencer: { depts: ['marketing', 'sales', 'operations', 'engineering', 'research'], seniority: [1, 2] },
  end_user: { depts: ['marketing', 'sales', 'operations'], seniority: [0, 1] },
  blocker: { depts: ['finance', 'it', 'legal', 'security'], seniority: [2, 4] },
};

/** Contacts outside the committee: mostly line functions, mostly junior. */
const OTHER_DEPTS: readonly Department[] = ['sales', 'marketing', 'operations', 'engineering', 'hr', 'production', 'research', 'it'];
const OTHER_SENIORITY: readonly Seniority[] = [0, 1, 2, 3];
const OTHER_SENIORITY_WEIGHTS = [40, 30, 22, 8];

function asciiLocal(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function roleFor(rng: Rng, j: number, coreRoles: BuyingRole[]): BuyingRole | null {
  if (j < coreRoles.length) return coreRoles[j];
  const r = rng.next();
  if (r < 0.03) return 'blocker';
  if (r < 0.06) return 'executive_sponsor';
  if (r < 0.26) return 'influencer';
  if (r < 0.5) return 'end_user';
  return null;
}

export function generateContacts(
  plan: WorldPlan,
  company: WorldCompany,
  count: number,
  coreRolesHeld: number,
  catalog: TitleCatalog,
): WorldContact[] {
  const rng = Rng.for(plan.options.seed, company.index, STREAM.contacts);
  const asOf = plan.options.asOf.getTime();
  const coreRoles = rng.shuffle([...CORE_COMMITTEE_ROLES]).slice(0, coreRolesHeld);
  // The role holders are spread over the list rather than always being the first contacts.
  const order = rng.shuffle(Array.from({ length: count }, (_, j) => j));
  const koreanCompany = company.country === 'KR';
  const usedLocals = new Set<string>();
  const contacts: WorldContact[] = new Array(count);
  const span = Math.max(1, asOf - company.createdAt.getTime());

  for (let j = 0; j < count; j++) {
    const role = roleFor(rng, order[j], coreRoles);
    let department: Department;
    let seniority: Seniority;
    if (role) {
      const profile = ROLE_PROFILES[role];
      department = rng.pick(profile.depts);
      seniority = rng.int(profile.seniority[0], profile.seniority[1]) as Seniority;
    } else {
      department = rng.pick(OTHER_DEPTS);
      seniority = rng.weighted(OTHER_SENIORITY, OTHER_SENIORITY_WEIGHTS);
    }

    const korean = rng.chance(koreanCompany ? 0.9 : 0.02);
    let firstName: string;
    let lastName: string;
    let local: string;
    if (korean) {
      const [family, familyRoman] = rng.pick(KOREAN_FAMILY_NAMES);
      const [given, givenRoman] = rng.pick(KOREAN_GIVEN_NAMES);
      firstName = given;
      lastName = family;
      local = rng.chance(0.5) ? `${givenRoman}.${familyRoman}` : `${familyRoman}${givenRoman}`;
    } else {
      firstName = rng.pick(ENGLISH_FIRST_NAMES);
      lastName = rng.pick(ENGLISH_LAST_NAMES);
      const f = asciiLocal(firstName);
      const l = asciiLocal(lastName);
      local = rng.weighted([`${f}.${l}`, `${f[0]}${l}`, `${f}${l[0] ?? ''}`, f], [6, 3, 1, 0.5]);
    }
    let unique = local;
    for (let n = 2; usedLocals.has(unique); n++) unique = `${local}${n}`;
    usedLocals.add(unique);

    const titleKorean = korean && koreanCompany && rng.chance(0.85);
    const title = titleKorean
      ? koreanTitle(rng, department, seniority, catalog.koJobs[department])
      : rng.pick(englishTitlesFor(catalog, department, seniority));

    // A duplicated company's contact lists drift apart: some people were only ever entered in one CRM.
    const split = rng.next();
    const presence = company.presence !== 'both' ? company.presence : split < 0.15 ? 'salesforce' : split < 0.3 ? 'hubspot' : 'both';
    contacts[j] = {
      key: `con-${company.key.slice(4)}-${String(j).padStart(3, '0')}`,
      accountKey: company.key,
      presence,
      firstName,
      lastName,
      korean,
      email: `${unique}@${company.domain}`,
      // Direct line: the switchboard number with other last four digits.
      phone: `${company.phone.slice(0, -4)}${String(rng.int(0, 9999)).padStart(4, '0')}`,
      title,
      titleLanguage: titleKorean ? 'ko' : 'en',
      department,
      seniority,
      buyingRole: role,
      roleRecordedInCrm: role !== null && rng.chance(ROLE_RECORDED_SHARE),
      emailOptOut: rng.chance(0.08),
      doNotCall: rng.chance(0.05),
      createdAt: new Date(company.createdAt.getTime() + Math.floor(rng.next() * span)),
    };
  }
  return contacts;
}

import { ENGLISH_FIRST_NAMES, ENGLISH_LAST_NAMES } from './name-pools.constants';
import { hashInts, Rng } from '../shared/prng.util';
import { STREAM } from './streams.constants';
import type { CrmPresence, WorldOptions, WorldUser } from './world.types';

/**
 * The plan fixes, before any record is generated, the few per-account numbers that must add up to the
 * requested totals: how many contacts and license records each account gets. It holds two Int32Arrays
 * (8 bytes per account), so a 100k-account world plans in a few milliseconds and a few hundred KB.
 */
export interface AccountHeader {
  employees: number;
  /** Drawn "is a customer" flag; the final flag is `licenses > 0` (see WorldPlan.isCustomer). */
  customerDraw: boolean;
  presence: CrmPresence;
}

export interface WorldPlan {
  options: Required<Omit<WorldOptions, 'titlesDir'>> & { titlesDir?: string | null; activitiesPerAccount: number };
  contactsPer: Int32Array;
  licensesPer: Int32Array;
  users: WorldUser[];
  header(index: number): AccountHeader;
  isCustomer(index: number): boolean;
}

export const DEFAULT_CHUNK_SIZE = 500;
export const DEFAULT_ACTIVITIES_PER_ACCOUNT = 6;
const USER_COUNT = 20;
/** Golden-ratio (Weyl) sequence: evenly spread presence draws, so the overlap share is exact to ~1/n. */
const GOLDEN = 0.6180339887498949;

export function accountKey(index: number): string {
  return `acc-${String(index).padStart(6, '0')}`;
}

export function accountHeader(seed: number, overlap: number, index: number): AccountHeader {
  const rng = Rng.for(seed, index, STREAM.header);
  // Log-normal company sizes: median ~300 employees, a long tail of enterprises.
  const employees = Math.round(Math.min(250_000, Math.max(5, Math.exp(rng.normal(Math.log(300), 1.6)))));
  const customerDraw = rng.chance(0.35);
  const u = (((index + 1) * GOLDEN + (hashInts(seed, 77) % 1000) / 1000) % 1 + 1) % 1;
  let presence: CrmPresence;
  if (u < overlap) presence = 'both';
  else presence = u < overlap + (1 - overlap) / 2 ? 'salesforce' : 'hubspot';
  return { employees, customerDraw, presence };
}

/**
 * Splits `total` over accounts in proportion to `weights` so the parts sum exactly to `total`
 * (systematic allocation on the cumulative weights; no sort, O(n)).
 */
export function allocate(total: number, weights: Float64Array): Int32Array {
  const out = new Int32Array(weights.length);
  let sum = 0;
  for (const w of weights) sum += w;
  if (total <= 0 || weights.length === 0) return out;
  if (sum <= 0) {
    weights.fill(1);
    sum = weights.length;
  }
  let cum = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    cum += weights[i];
    const upTo = i === weights.length - 1 ? total : Math.floor((cum / sum) * total + 1e-9);
    out[i] = upTo - given;
    given = upTo;
  }
  return out;
}

function makeUsers(seed: number): WorldUser[] {
  const users: WorldUser[] = [];
  for (let i = 0; i < USER_COUNT; i++) {
    const rng = Rng.for(seed, i, 991);
    const firstName = rng.pick(ENGLISH_FIRST_NAMES);
    const lastName = rng.pick(ENGLISH_LAST_NAMES);
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    users.push({
      key: `usr-${String(i).padStart(3, '0')}`,
      firstName,
      lastName,
      email: `${local}${i}@abm-demo.example.com`,
      alias: `${firstName[0]}${lastName}`.slice(0, 8).toLowerCase().replace(/[^a-z]/g, 'x'),
    });
  }
  return users;
}

export function planWorld(options: WorldOptions): WorldPlan {
  const { accounts, contacts, licenses } = options.sizes;
  for (const [name, v] of Object.entries({ accounts, contacts, licenses })) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`world size "${name}" must be a non-negative integer`);
  }
  if (!(options.overlap >= 0 && options.overlap <= 1)) throw new Error('overlap must be between 0 and 1');
  const seed = options.seed >>> 0;
  const overlap = options.overlap;
  const contactWeights = new Float64Array(accounts);
  const licenseWeights = new Float64Array(accounts);
  for (let i = 0; i < accounts; i++) {
    const h = accountHeader(seed, overlap, i);
    contactWeights[i] = Math.pow(h.employees, 0.4);
    licenseWeights[i] = h.customerDraw ? Math.pow(h.employees, 0.3) : 0;
  }
  const contactsPer = allocate(contacts, contactWeights);
  const licensesPer = allocate(licenses, licenseWeights);
  return {
    options: {
      seed,
      sizes: options.sizes,
      overlap,
      asOf: options.asOf,
      titlesDir: options.titlesDir,
      chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
      activitiesPerAccount: options.sizes.activitiesPerAccount ?? DEFAULT_ACTIVITIES_PER_ACCOUNT,
    },
    contactsPer,
    licensesPer,
    users: makeUsers(seed),
    header: (index) => accountHeader(seed, overlap, index),
    isCustomer: (index) => licensesPer[index] > 0,
  };
}

/**
 * Stable per-purpose stream ids for `Rng.for(seed, accountIndex, STREAM.x)`: every account gets its own
 * stream per purpose, so an account's data does not depend on chunk size or on which accounts were
 * generated before it, and adding a new purpose never shifts existing ones.
 */
export const STREAM = {
  header: 1,
  company: 2,
  contacts: 3,
  licenses: 4,
  cases: 5,
  activities: 6,
  opportunities: 7,
  truth: 8,
} as const;

import type { JobFunction, Seniority } from '../roles/title-classifier.types';

/**
 * Reference labels derived from occupational classifications, for measuring the title classifier.
 * SOC 2019 (O*NET) and KSCO-7 (Korea) codes are rolled up to our functions by longest matching
 * code prefix; the seniority label is the set of levels compatible with the occupation group
 * (a SOC 11 "manager" title may be a VP, a director or a manager; first-line supervisors are managers).
 */
const SOC_FUNCTION: [string, JobFunction][] = [
  ['11-1011', 'executive'], ['11-1021', 'operations'], ['11-1031', 'other'],
  ['11-2011', 'marketing'], ['11-2021', 'marketing'], ['11-2022', 'sales'], ['11-2032', 'marketing'], ['11-2033', 'other'],
  ['11-3012', 'operations'], ['11-3013', 'operations'], ['11-3021', 'it'], ['11-3031', 'finance'], ['11-3051', 'operations'],
  ['11-3061', 'procurement'], ['11-3071', 'operations'], ['11-3111', 'hr'], ['11-3121', 'hr'], ['11-3131', 'hr'],
  ['11-9041', 'engineering'], ['11-9121', 'engineering'], ['11-9199.01', 'legal_compliance'], ['11-9199.02', 'legal_compliance'],
  ['11-9199.09', 'operations'], ['11-9', 'other'],
  ['13-1020', 'procurement'], ['13-1021', 'procurement'], ['13-1022', 'procurement'], ['13-1023', 'procurement'],
  ['13-1041', 'legal_compliance'], ['13-1071', 'hr'], ['13-1075', 'hr'], ['13-1081', 'operations'], ['13-1082', 'operations'],
  ['13-1111', 'operations'], ['13-1121', 'marketing'], ['13-1131', 'other'], ['13-1141', 'hr'], ['13-1151', 'hr'],
  ['13-1161', 'marketing'], ['13-1199.04', 'operations'], ['13-1199.06', 'sales'], ['13-1199.07', 'security'], ['13-1', 'other'],
  ['13-2', 'finance'],
  ['15-1211', 'it'], ['15-1212', 'security'], ['15-1221', 'engineering'], ['15-123', 'it'], ['15-124', 'it'], ['15-125', 'engineering'],
  ['15-1299.04', 'security'], ['15-1299.05', 'security'], ['15-1299.06', 'security'], ['15-1299.07', 'engineering'],
  ['15-1299.08', 'engineering'], ['15-1299', 'it'], ['15-2011', 'finance'], ['15-2051', 'engineering'], ['15-2', 'other'],
  ['17-1', 'other'], ['17-', 'engineering'],
  ['23-', 'legal_compliance'], ['27-3031', 'marketing'], ['37-', 'operations'], ['41-', 'sales'],
  ['43-1011', 'operations'], ['43-3', 'finance'], ['43-4161', 'hr'], ['43-5', 'operations'],
  ['47-', 'operations'], ['49-', 'operations'], ['51-', 'operations'], ['53-', 'operations'],
];

const KSCO_FUNCTION: [string, JobFunction][] = [
  ['111', 'executive'], ['112', 'executive'], ['121', 'operations'], ['122', 'marketing'], ['1311', 'engineering'], ['131', 'other'],
  ['132', 'finance'], ['135', 'it'], ['141', 'operations'], ['149', 'operations'], ['1511', 'sales'], ['1512', 'operations'],
  ['159', 'sales'], ['22', 'engineering'], ['2231', 'it'], ['2232', 'it'], ['2233', 'security'], ['2239', 'it'], ['224', 'it'],
  ['225', 'other'], ['236', 'other'], ['238', 'other'], ['23', 'engineering'], ['261', 'legal_compliance'],
  ['2711', 'hr'], ['2712', 'finance'], ['2713', 'finance'], ['2714', 'finance'], ['2715', 'operations'], ['272', 'finance'],
  ['273', 'marketing'], ['2741', 'other'], ['274', 'sales'], ['3121', 'marketing'], ['3122', 'hr'], ['3123', 'procurement'],
  ['3124', 'operations'], ['3125', 'sales'], ['3126', 'operations'], ['3127', 'operations'], ['313', 'finance'], ['32', 'finance'],
  ['3301', 'legal_compliance'], ['3302', 'finance'], ['5', 'sales'], ['7', 'operations'], ['8', 'operations'],
  ['91', 'operations'], ['92', 'operations'], ['93', 'operations'], ['94', 'operations'],
];

function byLongestPrefix(code: string, table: [string, JobFunction][]): JobFunction {
  let best: [string, JobFunction] | undefined;
  for (const entry of table) {
    if (code.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : 'other';
}

export function socFunction(onetSocCode: string): JobFunction {
  return byLongestPrefix(onetSocCode, SOC_FUNCTION);
}

export function kscoFunction(kscoCode: string): JobFunction {
  return byLongestPrefix(kscoCode, KSCO_FUNCTION);
}

const LEADERSHIP: Seniority[] = ['c_level', 'vp_executive', 'director_head'];
const MANAGEMENT: Seniority[] = ['vp_executive', 'director_head', 'manager'];
const SUPERVISION: Seniority[] = ['director_head', 'manager'];
const PRACTITIONER: Seniority[] = ['individual_contributor'];

/** SOC minor groups xx-1000 in groups 33–53 (and 55-2000) are first-line supervisors. */
export function socSeniority(onetSocCode: string): Seniority[] {
  if (onetSocCode.startsWith('11-1011')) return LEADERSHIP;
  if (onetSocCode.startsWith('11-')) return MANAGEMENT;
  const major = Number(onetSocCode.slice(0, 2));
  if ((major >= 33 && major <= 53 && onetSocCode[3] === '1') || onetSocCode.startsWith('55-2')) return SUPERVISION;
  return PRACTITIONER;
}

/** KSCO major group 1 is managers (112 = corporate senior executives); everything else is practitioners. */
export function kscoSeniority(kscoCode: string): Seniority[] {
  if (kscoCode.startsWith('111') || kscoCode.startsWith('112')) return LEADERSHIP;
  if (kscoCode.startsWith('1')) return MANAGEMENT;
  return PRACTITIONER;
}

export type RootstrapArea = 'Business' | 'Technical' | 'Sales-Marketing' | 'Other';

export function functionToArea(fn: JobFunction): RootstrapArea {
  if (fn === 'engineering' || fn === 'it' || fn === 'security') return 'Technical';
  if (fn === 'sales' || fn === 'marketing') return 'Sales-Marketing';
  if (fn === 'other' || fn === 'unknown') return 'Other';
  return 'Business';
}

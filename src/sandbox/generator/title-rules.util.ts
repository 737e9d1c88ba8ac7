import type { Rng } from '../shared/prng.util';
import type { Department, Seniority } from './world.types';

/**
 * Title vocabulary used by the generator: keyword rules that bucket dataset titles by department and
 * seniority, Korean ranks and department names (common corporate usage, see shared/data/README.md), and
 * built-in fallback lists for machines without the datasets.
 */

const DEPT_KEYWORDS: ReadonlyArray<readonly [RegExp, Department]> = [
  [/\b(security|ciso|infosec|cyber)/i, 'security'],
  [/\b(procurement|purchas|buyer|sourcing|vendor management)/i, 'procurement'],
  [/\b(legal|counsel|attorney|lawyer|paralegal|compliance|contracts?)\b/i, 'legal'],
  [/\b(finance|financial|cfo|controller|accountant|accounting|treasur|budget)/i, 'finance'],
  [/\b(marketing|cmo|brand|demand gen|communications)/i, 'marketing'],
  [/\b(sales|account executive|business development|cro)\b/i, 'sales'],
  [/\b(human resources|hr|talent|recruit|people)\b/i, 'hr'],
  [/\b(i\.?t\.?|cio|information|systems?|network|database|infrastructure|technology|cto|data)\b/i, 'it'],
  [/\b(engineer|developer|software|architect)/i, 'engineering'],
  [/\b(production|plant|manufacturing|quality)/i, 'production'],
  [/\b(research|scientist|r&d)/i, 'research'],
  [/\b(ceo|chief executive|president|owner|founder|managing director|general manager)\b/i, 'executive'],
  [/\b(operations|coo|program|project)\b/i, 'operations'],
];

export function classifyEnglishTitle(title: string): { department: Department | null; seniority: Seniority } {
  let department: Department | null = null;
  for (const [re, dept] of DEPT_KEYWORDS) {
    if (re.test(title)) {
      department = dept;
      break;
    }
  }
  let seniority: Seniority = 0;
  if (/\b(chief|ceo|cfo|cio|cto|ciso|cmo|coo|cro|president|owner|founder)\b/i.test(title)) seniority = 5;
  else if (/\b(vice president|vp|svp|evp|head of|managing director)\b/i.test(title)) seniority = 4;
  else if (/\b(director|head)\b/i.test(title)) seniority = 3;
  else if (/\b(manager|lead|supervisor|mgr|superintendent)\b/i.test(title)) seniority = 2;
  else if (/\b(senior|sr\.?|principal|staff|specialist|analyst|consultant)\b/i.test(title)) seniority = 1;
  return { department, seniority };
}

/** Korean Standard Classification of Occupations (KSCO) code prefix → department. Longest prefix first. */
const KSCO_DEPARTMENTS: ReadonlyArray<readonly [string, Department]> = [
  ['2233', 'security'], ['2612', 'legal'], ['2711', 'hr'], ['2712', 'finance'], ['2713', 'finance'],
  ['2731', 'marketing'], ['2733', 'marketing'], ['2742', 'sales'], ['2743', 'sales'], ['3121', 'marketing'],
  ['3122', 'hr'], ['3123', 'procurement'], ['3124', 'production'], ['1511', 'sales'], ['1413', 'production'],
  ['1311', 'research'], ['112', 'executive'], ['121', 'operations'], ['122', 'marketing'], ['135', 'it'],
  ['222', 'it'], ['223', 'it'], ['224', 'it'], ['221', 'engineering'], ['234', 'engineering'],
  ['235', 'engineering'], ['313', 'finance'], ['330', 'legal'],
];

export function KOREAN_JOB_DEPARTMENT_BY_KSCO(code: string): Department | null {
  for (const [prefix, dept] of KSCO_DEPARTMENTS) if (code.startsWith(prefix)) return dept;
  return null;
}

/** Korean corporate ladder by our seniority levels (사원 < 주임 < 대리 < 과장 < 차장 < 부장 < 이사 < …). */
export const KOREAN_RANKS: Readonly<Record<Seniority, readonly string[]>> = {
  0: ['사원', '주임'],
  1: ['대리', '주임'],
  2: ['과장', '차장'],
  3: ['부장', '팀장'],
  4: ['이사', '상무', '전무', '실장', '본부장'],
  5: ['부사장', '사장', '부회장', '회장'],
};

/** Research ladder (연구원 < 선임연구원 < 책임연구원 < 수석연구원), used in research and engineering units. */
export const KOREAN_RESEARCH_RANKS: Readonly<Record<Seniority, readonly string[]>> = {
  0: ['연구원'],
  1: ['선임연구원'],
  2: ['책임연구원'],
  3: ['수석연구원', '팀장'],
  4: KOREAN_RANKS[4],
  5: KOREAN_RANKS[5],
};

/** Department names as they appear in Korean titles (구매팀 과장, 정보보안팀장, 재무본부장 …). */
export const KOREAN_DEPARTMENTS: Readonly<Record<Department, readonly string[]>> = {
  executive: ['경영지원', '경영기획'],
  procurement: ['구매', '구매조달'],
  finance: ['재무', '경리', '재경'],
  legal: ['법무', '준법감시'],
  security: ['정보보안'],
  it: ['전산', 'IT', '정보시스템'],
  engineering: ['개발', '기술'],
  sales: ['영업', '해외영업'],
  marketing: ['마케팅', '홍보'],
  hr: ['인사', '인재개발'],
  operations: ['운영', '총무'],
  production: ['생산', '품질'],
  research: ['연구소', 'R&D'],
};

/** Composes a Korean title from department, rank and (sometimes) a dictionary job name. */
export function koreanTitle(rng: Rng, dept: Department, seniority: Seniority, jobs: readonly string[]): string {
  const research = (dept === 'research' || dept === 'engineering') && rng.chance(0.6);
  const rank = rng.pick((research ? KOREAN_RESEARCH_RANKS : KOREAN_RANKS)[seniority]);
  const deptName = rng.pick(KOREAN_DEPARTMENTS[dept]);
  const unit = deptName === '연구소' || deptName === 'R&D' ? deptName : `${deptName}팀`;
  if (seniority === 5) return rng.chance(0.5) ? rank : rng.pick(['대표이사', '대표이사 사장', `${rank}`]);
  if (rank === '팀장') return rng.chance(0.6) ? `${deptName}팀장` : `${unit} 팀장`;
  if (rank === '본부장' || rank === '실장') return `${deptName}${rank}`;
  if (seniority === 4 && rng.chance(0.4)) return `${deptName} 담당 ${rank}`;
  const roll = rng.next();
  if (roll < 0.12 && jobs.length) return `${rng.pick(jobs)} ${rank}`;
  if (roll < 0.3) return `${rank} (${deptName})`;
  return `${unit} ${rank}`;
}

/** Used when the title datasets are absent, and to fill empty buckets. */
export const BUILTIN_ENGLISH_TITLES: Readonly<Record<Department, string[]>> = {
  executive: ['Chief Executive Officer', 'President', 'Managing Director', 'Chief Operating Officer', 'Founder & CEO'],
  procurement: ['Procurement Specialist', 'Senior Buyer', 'Purchasing Manager', 'Director of Procurement', 'VP Procurement', 'Chief Procurement Officer'],
  finance: ['Financial Analyst', 'Senior Accountant', 'Finance Manager', 'Director of Finance', 'VP Finance', 'Chief Financial Officer'],
  legal: ['Paralegal', 'Contracts Specialist', 'Legal Counsel', 'Director, Legal', 'VP Legal & Compliance', 'Chief Legal Officer'],
  security: ['Security Analyst', 'Senior Security Engineer', 'Security Manager', 'Director of Information Security', 'VP Security', 'Chief Information Security Officer'],
  it: ['IT Specialist', 'Senior Systems Administrator', 'IT Manager', 'Director of IT', 'VP Information Technology', 'Chief Information Officer'],
  engineering: ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'Director of Engineering', 'VP Engineering', 'Chief Technology Officer'],
  sales: ['Account Executive', 'Senior Account Executive', 'Sales Manager', 'Director of Sales', 'VP Sales', 'Chief Revenue Officer'],
  marketing: ['Marketing Coordinator', 'Marketing Specialist', 'Marketing Manager', 'Director of Marketing', 'VP Marketing', 'Chief Marketing Officer'],
  hr: ['HR Coordinator', 'HR Specialist', 'HR Manager', 'Director of People', 'VP Human Resources', 'Chief People Officer'],
  operations: ['Operations Coordinator', 'Operations Analyst', 'Operations Manager', 'Director of Operations', 'VP Operations'],
  production: ['Production Planner', 'Quality Specialist', 'Plant Manager', 'Director of Manufacturing', 'VP Manufacturing'],
  research: ['Research Associate', 'Senior Scientist', 'Research Manager', 'Director of Research', 'VP R&D'],
};

export const BUILTIN_KOREAN_JOBS: Readonly<Record<Department, string[]>> = {
  executive: ['경영기획자'],
  procurement: ['구매담당자', '자재관리사무원'],
  finance: ['재무담당자', '회계사무원'],
  legal: ['법무담당자'],
  security: ['정보보안전문가', '보안관제요원'],
  it: ['시스템엔지니어', '네트워크관리자', '데이터베이스관리자'],
  engineering: ['응용소프트웨어개발자', '웹개발자'],
  sales: ['기술영업원', '해외영업원'],
  marketing: ['마케팅전문가', '광고홍보전문가'],
  hr: ['인사담당자'],
  operations: ['총무사무원'],
  production: ['생산관리사무원', '품질관리사무원'],
  research: ['전자공학연구원'],
};

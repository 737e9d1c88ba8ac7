import { classifyTitle } from '../../../src/intelligence/roles/title-classifier.service';
import type { BuyingRole, JobFunction, Seniority } from '../../../src/intelligence/roles/title-classifier.types';

type Expect = [title: string, fn: JobFunction, seniority: Seniority | Seniority[], role: BuyingRole | BuyingRole[] | null, rank?: string];

/** Expected answers written from sales practice, not read off the classifier. `null` = any role. */
const TABLE: Expect[] = [
  ['Chief Financial Officer', 'finance', 'c_level', 'economic_buyer'],
  ['CFO', 'finance', 'c_level', 'economic_buyer'],
  ['VP Finance', 'finance', 'vp_executive', 'economic_buyer'],
  ['Financial Analyst', 'finance', 'individual_contributor', 'influencer'],
  ['Chief Executive Officer', 'executive', 'c_level', 'decision_maker'],
  ['Founder & CEO', 'executive', 'c_level', 'decision_maker'],
  ['Owner', 'executive', 'c_level', 'decision_maker'],
  ['President', 'executive', 'c_level', 'decision_maker'],
  ['General Counsel', 'legal_compliance', ['c_level', 'vp_executive'], 'legal_compliance'],
  ['Corporate Counsel', 'legal_compliance', 'individual_contributor', 'legal_compliance'],
  ['Compliance Officer', 'legal_compliance', 'individual_contributor', 'legal_compliance'],
  ['Procurement Manager', 'procurement', 'manager', 'procurement'],
  ['Senior Buyer', 'procurement', 'individual_contributor', 'procurement'],
  ['Head of Strategic Sourcing', 'procurement', 'director_head', 'procurement'],
  ['CISO', 'security', 'c_level', 'decision_maker'],
  ['Information Security Manager', 'security', 'manager', 'technical_evaluator'],
  ['Security Engineer', 'security', 'individual_contributor', 'technical_evaluator'],
  ['Security Guard', 'other', 'individual_contributor', 'other'],
  ['CIO', 'it', 'c_level', 'decision_maker'],
  ['IT Director', 'it', 'director_head', 'technical_evaluator'],
  ['I.T. Specialist', 'it', 'individual_contributor', 'end_user'],
  ['Network Administrator', 'it', 'individual_contributor', 'end_user'],
  ['Sr. Software Engineer', 'engineering', 'individual_contributor', ['end_user', 'technical_evaluator']],
  ['VP of Engineering', 'engineering', 'vp_executive', 'decision_maker'],
  ['Engineering Manager', 'engineering', 'manager', 'technical_evaluator'],
  ['Director of Marketing', 'marketing', 'director_head', 'champion'],
  ['Marketing Operations Manager', 'marketing', 'manager', 'champion'],
  ['CMO', 'marketing', 'c_level', 'executive_sponsor'],
  ['VP Sales', 'sales', 'vp_executive', 'decision_maker'],
  ['Account Executive', 'sales', 'individual_contributor', 'end_user'],
  ['Sales Development Representative', 'sales', 'individual_contributor', 'end_user'],
  ['Regional Sales Manager', 'sales', 'manager', 'champion'],
  ['Sales Engineer', 'sales', 'individual_contributor', null],
  ['HR Business Partner', 'hr', 'individual_contributor', 'end_user'],
  ['Chief People Officer', 'hr', 'c_level', 'executive_sponsor'],
  ['Talent Acquisition Manager', 'hr', 'manager', 'champion'],
  ['COO', 'operations', 'c_level', 'executive_sponsor'],
  ['Supply Chain Director', 'operations', 'director_head', 'champion'],
  ['Warehouse Supervisor', 'operations', 'manager', 'champion'],
  ['Assistant Manager', 'unknown', 'individual_contributor', 'unknown'],
  ['Executive Assistant to the CEO', 'executive', 'individual_contributor', null],
  ['Assistant Vice President, Finance', 'finance', 'director_head', 'economic_buyer'],
  ['Product Owner', 'engineering', 'individual_contributor', null],
  ['Internal Auditor', 'finance', 'individual_contributor', 'influencer'],
  // Korean
  ['구매팀 과장', 'procurement', 'manager', 'procurement', '과장'],
  ['구매팀과장', 'procurement', 'manager', 'procurement', '과장'],
  ['정보보안 팀장', 'security', ['manager', 'director_head'], 'technical_evaluator', '팀장'],
  ['IT팀장', 'it', ['manager', 'director_head'], 'technical_evaluator', '팀장'],
  ['CFO / 재무이사', 'finance', 'c_level', 'economic_buyer'],
  ['재무팀 부장', 'finance', 'director_head', 'economic_buyer', '부장'],
  ['경리 대리', 'finance', 'individual_contributor', 'influencer', '대리'],
  ['대표이사', 'executive', 'c_level', 'decision_maker', '대표이사'],
  ['대표이사 사장', 'executive', 'c_level', 'decision_maker'],
  ['회장', 'executive', 'c_level', 'decision_maker', '회장'],
  ['전무이사', 'unknown', 'vp_executive', 'unknown', '전무이사'],
  ['영업본부장', 'sales', 'vp_executive', 'decision_maker', '본부장'],
  ['영업부 차장', 'sales', 'manager', 'champion', '차장'],
  ['마케팅팀 사원', 'marketing', 'individual_contributor', 'end_user', '사원'],
  ['인사팀 주임', 'hr', 'individual_contributor', 'end_user', '주임'],
  ['법무실장', 'legal_compliance', 'director_head', 'legal_compliance', '실장'],
  ['준법감시인', 'legal_compliance', ['individual_contributor', 'unknown'], 'legal_compliance'],
  ['전산실 과장', 'it', 'manager', 'technical_evaluator', '과장'],
  ['선임연구원', 'engineering', 'individual_contributor', 'end_user', '선임연구원'],
  ['책임연구원', 'engineering', 'manager', 'technical_evaluator', '책임연구원'],
  ['수석연구원', 'engineering', 'director_head', 'technical_evaluator', '수석연구원'],
  ['생산관리 부장', 'operations', 'director_head', 'champion', '부장'],
  ['정보시스템 센터장', 'it', 'director_head', 'technical_evaluator', '센터장'],
  ['대리점 영업사원', 'sales', 'individual_contributor', 'end_user', '사원'],
  ['상무', 'unknown', 'vp_executive', 'unknown', '상무'],
];

describe('title classifier: a table written from sales practice', () => {
  // Rows have an optional last column, so read them as rest arguments (jest would take a 5th parameter for `done`).
  it.each(TABLE)('%s', (...row) => {
    const [title, fn, seniority, role, rank] = row as Expect;
    const c = classifyTitle(title);
    expect(c.function).toBe(fn);
    expect(Array.isArray(seniority) ? seniority : [seniority]).toContain(c.seniority);
    if (role !== null) expect(Array.isArray(role) ? role : [role]).toContain(c.buyingRole);
    if (rank) expect(c.rank).toBe(rank);
    expect(c.confidence).toBeGreaterThanOrEqual(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });
});

describe('titles that say nothing', () => {
  it.each(['', '   ', 'n/a', 'N/A', 'Mr.', 'Employee', '-', '직원', 'TBD'])('%j is unknown with low confidence', (title) => {
    const c = classifyTitle(title);
    expect(c).toMatchObject({ function: 'unknown', seniority: 'unknown', buyingRole: 'unknown' });
    expect(c.confidence).toBeLessThanOrEqual(0.2);
  });

  it('a bare rank says how senior but not which seat', () => {
    const c = classifyTitle('Director');
    expect(c.function).toBe('unknown');
    expect(c.seniority).toBe('director_head');
    expect(c.buyingRole).toBe('unknown');
  });
});

describe('evidence and confidence', () => {
  it('names the cues that decided each part', () => {
    const c = classifyTitle('Director of IT Security');
    expect(c.function).toBe('security');
    expect(c.evidence.function.join(' ')).toContain('security');
    expect(c.evidence.seniority).toContain('director');
    expect(c.evidence.buyingRole).toContain('security');
  });

  it('is more confident about an explicit C-level title than about a bare job name', () => {
    expect(classifyTitle('Chief Financial Officer').confidence).toBeGreaterThan(classifyTitle('Welder').confidence);
  });

  it('does not read rank words inside other words (internal ≠ intern, 대리점 ≠ 대리)', () => {
    expect(classifyTitle('Internal Auditor').seniority).toBe('individual_contributor');
    expect(classifyTitle('Internal Auditor').evidence.seniority.join(' ')).not.toContain('intern');
    expect(classifyTitle('대리점 관리').rank).toBeUndefined();
  });

  it('handles full-width and mixed-script input', () => {
    expect(classifyTitle('ＩＴ팀장').function).toBe('it');
    expect(classifyTitle('Ｓｅｃｕｒｉｔｙ Manager').function).toBe('security');
  });
});

describe('Korean head-noun suffixes when no function word matches', () => {
  it.each([
    ['직포원', 'operations'],
    ['견출공', 'operations'],
    ['탈지원 과장', 'operations'],
  ])('%s reads as %s, with the suffix as evidence', (title, fn) => {
    const c = classifyTitle(title);
    expect(c.function).toBe(fn);
    expect(c.evidence.function.join(' ')).toMatch(/^head suffix: -/);
    expect(c.evidence.confidence.function).toBeLessThan(0.5);
  });

  it('leaves words that only look like them alone (위원 = committee member, 요원 = agent)', () => {
    expect(classifyTitle('심사위원').evidence.function.join(' ')).not.toContain('head suffix');
    expect(classifyTitle('안전요원').evidence.function.join(' ')).not.toContain('head suffix');
  });

  it('never overrides a function word (구매팀 과장 stays procurement) or a bare rank (과장 stays unknown)', () => {
    expect(classifyTitle('구매팀 과장').function).toBe('procurement');
    expect(classifyTitle('과장').function).toBe('unknown');
  });
});

/**
 * Word pools for generated companies and people. Kept short on purpose: combinations give variety,
 * and nothing here is a real person's identity (random first × last combinations).
 */

export const ENGLISH_FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Ashley',
  'Steven', 'Emily', 'Andrew', 'Michelle', 'Joshua', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Deborah',
  'Priya', 'Rahul', 'Wei', 'Mei', 'Carlos', 'Sofia', 'Luca', 'Giulia', 'Hans', 'Anna', 'Pierre', 'Claire',
  'Kenji', 'Yuki', 'Olga', 'Ivan', 'Fatima', 'Omar', 'Aisha', 'Diego', 'Lucas', 'Emma', 'Noah', 'Olivia',
];

export const ENGLISH_LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green',
  'Patel', 'Shah', 'Chen', 'Wang', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Tanaka', 'Sato', 'Ivanova',
  "O'Brien", 'Kowalski', 'Novak', 'Silva', 'Santos', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Keller',
];

/** The most common Korean family names (with romanisations used for email local parts). */
export const KOREAN_FAMILY_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['김', 'kim'], ['이', 'lee'], ['박', 'park'], ['최', 'choi'], ['정', 'jung'], ['강', 'kang'], ['조', 'cho'],
  ['윤', 'yoon'], ['장', 'jang'], ['임', 'lim'], ['한', 'han'], ['오', 'oh'], ['서', 'seo'], ['신', 'shin'],
  ['권', 'kwon'], ['황', 'hwang'], ['안', 'ahn'], ['송', 'song'], ['전', 'jeon'], ['홍', 'hong'],
];

export const KOREAN_GIVEN_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['민준', 'minjun'], ['서연', 'seoyeon'], ['도윤', 'doyun'], ['지우', 'jiwoo'], ['서준', 'seojun'],
  ['하은', 'haeun'], ['예준', 'yejun'], ['수아', 'sua'], ['지호', 'jiho'], ['지민', 'jimin'],
  ['현우', 'hyunwoo'], ['민서', 'minseo'], ['준호', 'junho'], ['은지', 'eunji'], ['성민', 'sungmin'],
  ['영희', 'younghee'], ['철수', 'cheolsu'], ['상훈', 'sanghoon'], ['미경', 'mikyung'], ['동현', 'donghyun'],
  ['혜진', 'hyejin'], ['재원', 'jaewon'], ['수빈', 'subin'], ['태호', 'taeho'], ['유진', 'yujin'],
];

export const COMPANY_NAME_STEMS = [
  'Acme', 'Apex', 'Northwind', 'Bluewater', 'Summit', 'Ironclad', 'Crescent', 'Vertex', 'Harbor', 'Pioneer',
  'Silverline', 'Evergreen', 'Keystone', 'Redwood', 'Granite', 'Lumen', 'Quantum', 'Meridian', 'Atlas',
  'Orion', 'Cobalt', 'Beacon', 'Cascade', 'Falcon', 'Horizon', 'Nimbus', 'Sterling', 'Trident', 'Zenith',
  'Polaris', 'Aurora', 'Catalyst', 'Pinnacle', 'Sequoia', 'Titan', 'Vanguard', 'Westbrook', 'Brightpath',
  'Clearwater', 'Fairfield', 'Greenfield', 'Highland', 'Lakeside', 'Maple', 'Oakridge', 'Riverbend',
];

export const COMPANY_NAME_SUFFIXES = [
  'Systems', 'Technologies', 'Industries', 'Logistics', 'Health', 'Analytics', 'Manufacturing', 'Labs',
  'Partners', 'Group', 'Holdings', 'Solutions', 'Networks', 'Energy', 'Foods', 'Dynamics', 'Software',
  'Capital', 'Materials', 'Robotics', 'Pharma', 'Retail', 'Motors', 'Semiconductor', 'Telecom',
];


/** Hangul stems with romanisations (used for the domain and `nameEn`). */
export const KOREAN_COMPANY_STEMS: ReadonlyArray<readonly [string, string]> = [
  ['한빛', 'Hanbit'], ['대한', 'Daehan'], ['미래', 'Mirae'], ['신성', 'Shinsung'], ['동양', 'Dongyang'],
  ['세진', 'Sejin'], ['우리', 'Woori'], ['태광', 'Taekwang'], ['한결', 'Hangyeol'], ['새한', 'Saehan'],
  ['삼우', 'Samwoo'], ['대성', 'Daesung'], ['현대', 'Hyundae'], ['금강', 'Geumgang'], ['청명', 'Cheongmyeong'],
  ['누리', 'Nuri'], ['다온', 'Daon'], ['가온', 'Gaon'], ['한솔', 'Hansol'], ['빛나', 'Bitna'],
];

/** Hangul suffix, English rendering, and the short form used in domains (hanbitelec.co.kr). */
export const KOREAN_COMPANY_SUFFIXES: ReadonlyArray<readonly [string, string, string]> = [
  ['전자', 'Electronics', 'elec'], ['정보통신', 'Information & Communications', 'ict'], ['소프트', 'Soft', 'soft'],
  ['테크', 'Tech', 'tech'], ['제약', 'Pharmaceutical', 'pharm'], ['물산', 'Trading', 'trading'],
  ['건설', 'Construction', 'enc'], ['화학', 'Chemical', 'chem'], ['중공업', 'Heavy Industries', 'hi'],
  ['시스템즈', 'Systems', 'systems'], ['바이오', 'Bio', 'bio'], ['로지스', 'Logis', 'logis'],
  ['에너지', 'Energy', 'energy'], ['금융', 'Financial', 'fin'], ['반도체', 'Semiconductor', 'semi'],
];

/** Industry with its relative fit for our ICP (B2B software for mid/large companies). */
export const INDUSTRIES: ReadonlyArray<{ name: string; icpFit: number; weight: number }> = [
  { name: 'Software', icpFit: 0.95, weight: 10 },
  { name: 'Information Technology & Services', icpFit: 0.9, weight: 9 },
  { name: 'Financial Services', icpFit: 0.8, weight: 7 },
  { name: 'Telecommunications', icpFit: 0.75, weight: 4 },
  { name: 'Semiconductors', icpFit: 0.7, weight: 3 },
  { name: 'Healthcare', icpFit: 0.6, weight: 6 },
  { name: 'Pharmaceuticals', icpFit: 0.55, weight: 3 },
  { name: 'Manufacturing', icpFit: 0.5, weight: 8 },
  { name: 'Automotive', icpFit: 0.5, weight: 3 },
  { name: 'Logistics & Supply Chain', icpFit: 0.45, weight: 4 },
  { name: 'Retail', icpFit: 0.35, weight: 6 },
  { name: 'Energy & Utilities', icpFit: 0.4, weight: 3 },
  { name: 'Construction', icpFit: 0.25, weight: 4 },
  { name: 'Education', icpFit: 0.3, weight: 3 },
  { name: 'Government', icpFit: 0.3, weight: 2 },
  { name: 'Hospitality', icpFit: 0.15, weight: 3 },
  { name: 'Food & Beverage', icpFit: 0.15, weight: 3 },
];

export const COUNTRIES: ReadonlyArray<{
  code: string;
  name: string;
  weight: number;
  cities: readonly string[];
  tld: string;
  phonePrefix: string;
  /** Legal-form suffixes used in the country ('' = name without one). */
  legalForms: readonly string[];
}> = [
  { code: 'US', name: 'United States', weight: 34,
    cities: ['New York', 'San Francisco', 'Austin', 'Chicago', 'Boston', 'Seattle', 'Atlanta'],
    tld: 'com', phonePrefix: '+1', legalForms: ['Inc.', 'LLC', 'Corp.', ''] },
  { code: 'KR', name: 'South Korea', weight: 25,
    cities: ['Seoul', 'Busan', 'Incheon', 'Seongnam', 'Daejeon', 'Suwon'],
    tld: 'co.kr', phonePrefix: '+82', legalForms: ['Co., Ltd.'] },
  { code: 'GB', name: 'United Kingdom', weight: 8,
    cities: ['London', 'Manchester', 'Edinburgh', 'Bristol'],
    tld: 'co.uk', phonePrefix: '+44', legalForms: ['Ltd.', 'plc', ''] },
  { code: 'DE', name: 'Germany', weight: 7,
    cities: ['Berlin', 'Munich', 'Hamburg', 'Frankfurt'],
    tld: 'de', phonePrefix: '+49', legalForms: ['GmbH', 'AG', 'SE'] },
  { code: 'JP', name: 'Japan', weight: 6,
    cities: ['Tokyo', 'Osaka', 'Yokohama'],
    tld: 'co.jp', phonePrefix: '+81', legalForms: ['K.K.', 'Co., Ltd.'] },
  { code: 'FR', name: 'France', weight: 5,
    cities: ['Paris', 'Lyon', 'Toulouse'],
    tld: 'fr', phonePrefix: '+33', legalForms: ['S.A.', 'SAS'] },
  { code: 'CA', name: 'Canada', weight: 5,
    cities: ['Toronto', 'Vancouver', 'Montreal'],
    tld: 'ca', phonePrefix: '+1', legalForms: ['Inc.', 'Ltd.', ''] },
  { code: 'SG', name: 'Singapore', weight: 3,
    cities: ['Singapore'],
    tld: 'com.sg', phonePrefix: '+65', legalForms: ['Pte. Ltd.'] },
  { code: 'AU', name: 'Australia', weight: 4,
    cities: ['Sydney', 'Melbourne', 'Brisbane'],
    tld: 'com.au', phonePrefix: '+61', legalForms: ['Pty Ltd', 'Ltd.'] },
  { code: 'IN', name: 'India', weight: 3,
    cities: ['Bengaluru', 'Mumbai', 'Pune'],
    tld: 'in', phonePrefix: '+91', legalForms: ['Pvt. Ltd.', 'Ltd.'] },
];

/** Technologies seen on company websites; `complementary` ones raise fit (our product integrates with them). */
export const TECHNOLOGIES: ReadonlyArray<{ name: string; complementary: boolean }> = [
  { name: 'Salesforce', complementary: true },
  { name: 'HubSpot', complementary: true },
  { name: 'Snowflake', complementary: true },
  { name: 'Segment', complementary: true },
  { name: 'Marketo', complementary: true },
  { name: 'Outreach', complementary: true },
  { name: 'AWS', complementary: false },
  { name: 'Microsoft Azure', complementary: false },
  { name: 'Google Cloud', complementary: false },
  { name: 'SAP', complementary: false },
  { name: 'Oracle', complementary: false },
  { name: 'Workday', complementary: false },
  { name: 'Zendesk', complementary: false },
  { name: 'Slack', complementary: false },
  { name: 'Microsoft 365', complementary: false },
  { name: 'Kakao Work', complementary: false },
  { name: 'Naver Cloud', complementary: false },
  { name: 'ServiceNow', complementary: false },
];

/** Our (fictional) product catalogue: list price per seat per year. */
export const PRODUCTS: ReadonlyArray<{ name: string; code: string; seatPrice: number }> = [
  { name: 'ABM Core', code: 'ABM-CORE', seatPrice: 600 },
  { name: 'ABM Intent Add-on', code: 'ABM-INTENT', seatPrice: 240 },
  { name: 'ABM Analytics', code: 'ABM-ANALYTICS', seatPrice: 360 },
  { name: 'ABM Enterprise Suite', code: 'ABM-ENT', seatPrice: 1100 },
];

export const CASE_SUBJECTS = [
  'Sync stalled after token refresh', 'Scores missing on company record', 'Login fails with SSO',
  'Duplicate contacts after import', 'Report export times out', 'Webhook deliveries delayed',
  'Seat assignment question', 'Invoice discrepancy', 'API rate limit reached', 'Field mapping incorrect',
  '동기화 지연 문의', '라이선스 추가 요청', '로그인 오류', '보고서 다운로드 실패',
];

export const ACTIVITY_SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  task: ['Follow up on proposal', 'Send pricing', 'Schedule demo', 'Prepare QBR deck', '견적서 발송'],
  call: ['Discovery call', 'Check-in call', 'Renewal call', 'Champion sync', '담당자 통화'],
  note: ['Notes from meeting', 'Stakeholder map updated', 'Budget confirmed for next FY', '미팅 메모'],
  email: ['Re: Evaluation next steps', 'Intro: ABM pilot', 'Re: Security questionnaire', 'Re: 도입 검토'],
  meeting: ['Product demo', 'Executive briefing', 'Technical deep-dive', 'Quarterly business review', '제품 시연'],
};

import {
  COMPANY_NAME_STEMS,
  COMPANY_NAME_SUFFIXES,
  COUNTRIES,
  INDUSTRIES,
  KOREAN_COMPANY_STEMS,
  KOREAN_COMPANY_SUFFIXES,
  TECHNOLOGIES,
} from './name-pools.constants';
import { Rng } from '../shared/prng.util';
import { STREAM } from './streams.constants';
import { accountKey, type WorldPlan } from './world-plan.util';
import type { WorldCompany } from './world.types';

const DAY_MS = 86_400_000;
const COUNTRY_WEIGHTS = COUNTRIES.map((c) => c.weight);
const INDUSTRY_WEIGHTS = INDUSTRIES.map((i) => i.weight);

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '');
}

function phoneNumber(rng: Rng, prefix: string): string {
  const digits = () => String(rng.int(0, 9999)).padStart(4, '0');
  return prefix === '+82' ? `${prefix} 2-${rng.int(200, 999)}-${digits()}` : `${prefix} ${rng.int(200, 989)} ${rng.int(200, 999)} ${digits()}`;
}

export function industryFitOf(industry: string): number {
  return INDUSTRIES.find((i) => i.name === industry)?.icpFit ?? 0.3;
}

export function generateCompany(plan: WorldPlan, index: number): WorldCompany {
  const { seed, asOf } = plan.options;
  const header = plan.header(index);
  const rng = Rng.for(seed, index, STREAM.company);
  const country = rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
  const industry = rng.weighted(INDUSTRIES, INDUSTRY_WEIGHTS).name;
  const tag = index.toString(36);

  let name: string;
  let nameEn: string;
  let domainBase: string;
  if (country.code === 'KR') {
    const [stemKo, stemEn] = rng.pick(KOREAN_COMPANY_STEMS);
    const [sufKo, sufEn, sufDomain] = rng.pick(KOREAN_COMPANY_SUFFIXES);
    nameEn = `${stemEn} ${sufEn}`;
    // About 70% of Korean companies are recorded under their Hangul name, often with the (주) marker.
    name = rng.chance(0.7) ? `${rng.chance(0.4) ? '(주)' : ''}${stemKo}${sufKo}` : `${nameEn} Co., Ltd.`;
    domainBase = `${slug(stemEn)}${sufDomain}`;
  } else {
    const stem = rng.pick(COMPANY_NAME_STEMS);
    const suffix = rng.pick(COMPANY_NAME_SUFFIXES);
    const form = rng.pick(country.legalForms);
    nameEn = `${stem} ${suffix}${form ? ` ${form}` : ''}`;
    name = nameEn;
    domainBase = `${slug(stem)}${slug(suffix)}`;
  }
  // The index tag keeps domains unique: the domain is the cross-CRM matching key, so two different
  // companies must never share one by accident.
  const domain = `${domainBase}-${tag}.${country.tld}`;

  const employees = header.employees;
  const revenuePerEmployee = Math.exp(rng.normal(Math.log(180_000), 0.5));
  const annualRevenue = Math.round((employees * revenuePerEmployee) / 1000) * 1000;

  const technologies: string[] = [];
  for (const tech of TECHNOLOGIES) {
    const p = tech.complementary ? 0.18 : 0.25;
    if ((tech.name === 'Kakao Work' || tech.name === 'Naver Cloud') && country.code !== 'KR') continue;
    if (rng.chance(p)) technologies.push(tech.name);
  }

  const segment: WorldCompany['segment'] = employees < 200 ? 'SMB' : employees < 2000 ? 'Mid-Market' : 'Enterprise';
  const cloudMaturity = rng.weighted(['low', 'medium', 'high'] as const, [1, 2, 1 + 2 * industryFitOf(industry)]);
  const ownership = rng.weighted(['public', 'private', 'subsidiary'] as const, [employees > 2000 ? 3 : 0.3, 6, 1]);
  const createdAt = new Date(asOf.getTime() - rng.int(30, 6 * 365) * DAY_MS - rng.int(0, DAY_MS - 1));
  const carriesSfId = header.presence === 'both' && rng.chance(0.5);
  // The HubSpot copy of a duplicate is sometimes typed differently: romanised, or without the legal form.
  const variant = rng.next();
  let hubspotName = name;
  if (header.presence === 'both' && name !== nameEn && variant < 0.3) hubspotName = nameEn;
  else if (header.presence === 'both' && variant < 0.15) hubspotName = name.replace(/,?\s+(Inc\.|LLC|Corp\.|Ltd\.|plc|GmbH|AG|SE|S\.A\.|SAS|K\.K\.|Co\., Ltd\.|Pte\. Ltd\.|Pty Ltd|Pvt\. Ltd\.)$/, '');

  return {
    key: accountKey(index),
    index,
    name,
    nameEn,
    domain,
    website: `https://www.${domain}`,
    industry,
    employees,
    annualRevenue,
    country: country.code,
    countryName: country.name,
    city: rng.pick(country.cities),
    phone: phoneNumber(rng, country.phonePrefix),
    technologies,
    foundedYear: rng.int(1950, 2022),
    ownership,
    segment,
    cloudMaturity,
    presence: header.presence,
    customer: plan.isCustomer(index),
    ownerKey: rng.pick(plan.users).key,
    createdAt,
    hubspotCarriesSalesforceId: carriesSfId,
    hubspotName,
  };
}

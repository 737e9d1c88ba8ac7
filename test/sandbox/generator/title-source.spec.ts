import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../../src/sandbox/shared/prng.util';
import { defaultTitlesDir, englishTitlesFor, loadTitleCatalog } from '../../../src/sandbox/generator/title-source.util';
import { classifyEnglishTitle, koreanTitle } from '../../../src/sandbox/generator/title-rules.util';

const datasets = defaultTitlesDir();

describe('job-title sources', () => {
  it('falls back to the built-in lists when the datasets folder is absent', () => {
    const catalog = loadTitleCatalog(mkdtempSync(join(tmpdir(), 'no-titles-')));
    expect(catalog.source).toBe('builtin');
    expect(englishTitlesFor(catalog, 'finance', 5)).toContain('Chief Financial Officer');
    expect(catalog.koJobs.security.length).toBeGreaterThan(0);
  });

  it('reads the O*NET, CRM and Korean dictionary titles when the datasets are present', () => {
    // The development checkout always has ../shared; a user's machine does not (covered above).
    expect(existsSync(join(datasets, 'onet_alternate_titles.csv'))).toBe(true);
    const catalog = loadTitleCatalog(datasets);
    expect(catalog.source).toBe('datasets');
    const procurement = catalog.en.procurement.flat();
    expect(procurement.length).toBeGreaterThan(50);
    expect(procurement).toContain('Purchasing Manager');
    expect(catalog.koJobs.it.length).toBeGreaterThan(10);
    // Off-domain O*NET variants are filtered out.
    expect(Object.values(catalog.en).flat(2).some((t) => /\bzoo\b/i.test(t))).toBe(false);
  });

  it('classifies seniority and department from English titles', () => {
    expect(classifyEnglishTitle('Chief Information Security Officer')).toEqual({ department: 'security', seniority: 5 });
    expect(classifyEnglishTitle('VP Procurement')).toEqual({ department: 'procurement', seniority: 4 });
    expect(classifyEnglishTitle('Senior Accountant')).toEqual({ department: 'finance', seniority: 1 });
  });

  it('composes Korean titles from department and rank', () => {
    const rng = new Rng(9);
    const titles = Array.from({ length: 200 }, () => koreanTitle(rng, 'procurement', 2, ['구매담당자']));
    expect(titles.every((t) => /과장|차장/.test(t))).toBe(true);
    expect(titles.some((t) => t.includes('구매'))).toBe(true);
    const research = Array.from({ length: 200 }, () => koreanTitle(rng, 'research', 1, []));
    expect(research.some((t) => t.includes('선임연구원'))).toBe(true);
    const finance = Array.from({ length: 200 }, () => koreanTitle(rng, 'finance', 1, []));
    expect(finance.some((t) => t.includes('연구원'))).toBe(false);
  });
});

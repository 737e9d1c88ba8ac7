import { defaultScoringDefinition, effectiveWeights, parseDefinition, toYaml } from '../../src/intelligence/config/scoring-definition.util';

describe('scoring definition (config as code)', () => {
  it('ships a valid default whose component weights sum to 1', () => {
    const def = defaultScoringDefinition();
    const w = effectiveWeights(def);
    expect(w.fit + w.engagement + w.committee + w.loyalty).toBeCloseTo(1, 10);
    expect(def.committee.templates.default.map((r) => r.role)).toEqual(['decision_maker', 'economic_buyer', 'champion', 'technical_evaluator', 'procurement', 'legal_compliance']);
  });

  it('round-trips through YAML export and import', () => {
    const def = defaultScoringDefinition();
    expect(parseDefinition(toYaml(def))).toEqual(def);
  });

  it('fills missing sections from the default and merges partial sections', () => {
    const def = parseDefinition('name: heavier loyalty\nweights: { fit: 1, engagement: 1, committee: 1, loyalty: 3 }\nloyalty: { base: 40 }\n');
    expect(def.loyalty.base).toBe(40);
    expect(def.loyalty.renewalPoints).toBe(defaultScoringDefinition().loyalty.renewalPoints);
    expect(effectiveWeights(def).loyalty).toBeCloseTo(0.5, 10);
  });

  it('names the offending fields of an invalid configuration', () => {
    expect(() => parseDefinition('name: bad\ntiers: { A: 20, B: 50, C: 30 }')).toThrow('tiers must satisfy A ≥ B ≥ C');
    expect(() => parseDefinition('name: bad\nfit: { rules: [ { signal: x, label: X, field: "industry; drop table", points: 5, in: [a] } ] }')).toThrow(/fit\.rules\[0\]\.field/);
    expect(() => parseDefinition('name: bad\nengagement: { signals: [ { type: meeting, label: M, weight: 1, halfLifeDays: 0 } ] }')).toThrow(/engagement\.signals\[0\]\.halfLifeDays/);
    expect(() => parseDefinition(': : :')).toThrow(/not valid YAML/);
  });
});

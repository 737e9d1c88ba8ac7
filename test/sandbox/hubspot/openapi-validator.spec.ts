import { OpenApiResponseValidator } from './support/openapi-validator';

describe('OpenApiResponseValidator (the conformance check itself)', () => {
  const validator = new OpenApiResponseValidator();
  const record = { id: '1', properties: { name: 'A', domain: null }, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', archived: false };

  it('accepts a valid list page and picks the most specific spec path', () => {
    const outcome = validator.validate('GET', '/crm/v3/objects/companies', 200, { results: [record], paging: { next: { after: '2' } } });
    expect(outcome).toEqual({ validated: true, operation: 'GET /crm/v3/objects/companies (companies.json) -> 200', errors: [] });
  });

  it('rejects missing required fields, wrong types and bad formats', () => {
    const { createdAt: _omit, ...noCreatedAt } = record;
    void _omit;
    expect(validator.validate('GET', '/crm/v3/objects/companies', 200, { results: [noCreatedAt] }).errors.join()).toContain("must have required property 'createdAt'");
    expect(validator.validate('GET', '/crm/v3/objects/contacts/1', 200, { ...record, archived: 'no' }).errors.join()).toContain('must be boolean');
    expect(validator.validate('GET', '/crm/v3/objects/contacts/1', 200, { ...record, updatedAt: 'yesterday' }).errors.join()).toContain('must match format "date-time"');
    expect(validator.validate('POST', '/crm/v3/objects/contacts/search', 200, { results: [] }).errors.join()).toContain("'total'");
  });

  it('checks error bodies against the Error schema (uuid correlationId, category required)', () => {
    expect(validator.validate('GET', '/crm/v3/objects/contacts/1', 404, { message: 'x', correlationId: 'not-a-uuid', category: 'OBJECT_NOT_FOUND' }).errors.join()).toContain('uuid');
    expect(validator.validate('GET', '/crm/v3/objects/contacts/1', 404, { message: 'x', correlationId: '3f0c5f1e-8b0e-4a53-9b6a-0d9a3c2f1e11' }).errors.join()).toContain('category');
  });

  it('maps the SDK label path and deals path onto the spec paths, and flags bodies on 204', () => {
    expect(validator.validate('GET', '/crm/v4/associations/contacts/companies/labels', 200, { results: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }).validated).toBe(true);
    expect(validator.validate('GET', '/crm/v3/objects/deals/5', 200, record).operation).toContain('deals.json');
    expect(validator.validate('DELETE', '/crm/v3/objects/contacts/1', 204, { unexpected: true }).errors).toEqual(['status 204 declares no body but one was sent']);
  });
});

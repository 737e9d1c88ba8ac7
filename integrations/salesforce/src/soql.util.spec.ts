import { changeWindowQuery, idKeysetQuery, soqlDateTime, soqlString } from './soql.util';

describe('SOQL building', () => {
  it('writes whole-second datetime literals and escapes strings', () => {
    expect(soqlDateTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z');
    expect(soqlString("O'Brien\\")).toBe("'O\\'Brien\\\\'");
  });

  it('uses the (SystemModstamp, Id) tie-break inside a half-open window', () => {
    const q = changeWindowQuery('Contact', ['Email'], { stamp: new Date('2026-01-01T00:00:00Z'), id: '003A' }, new Date('2026-01-02T00:00:00Z'), 2000);
    expect(q).toBe("SELECT Id, SystemModstamp, IsDeleted, Email FROM Contact WHERE (SystemModstamp > 2026-01-01T00:00:00Z OR (SystemModstamp = 2026-01-01T00:00:00Z AND Id > '003A')) AND SystemModstamp < 2026-01-02T00:00:00Z ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000");
    expect(changeWindowQuery('Contact', [], { stamp: new Date(0), id: null }, new Date(1000), 5)).toContain('WHERE SystemModstamp >= 1970-01-01T00:00:00Z AND SystemModstamp < 1970-01-01T00:00:01Z');
  });

  it('pages ids by keyset', () => {
    expect(idKeysetQuery('Account', [], '001Z', 2000)).toBe("SELECT Id FROM Account WHERE Id > '001Z' ORDER BY Id ASC LIMIT 2000");
  });
});

import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyTitlesCommand } from '../../../src/cli/commands/classify-titles.command';

describe('abm classify-titles', () => {
  it('writes one JSON line per input line with the documented fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'titles-'));
    const file = join(dir, 'titles.txt');
    writeFileSync(file, 'Chief Financial Officer\n구매팀 과장\n\nn/a\n');
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const program = new Command();
      classifyTitlesCommand.register(program);
      await program.parseAsync(['node', 'abm', 'classify-titles', '--file', file]);
    } finally {
      spy.mockRestore();
    }
    const rows = written.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ title: 'Chief Financial Officer', function: 'finance', seniority: 'c_level', buyingRole: 'economic_buyer' });
    expect(rows[1]).toMatchObject({ function: 'procurement', seniority: 'manager', rank: '과장', buyingRole: 'procurement' });
    expect(rows[2]).toMatchObject({ title: '', function: 'unknown', buyingRole: 'unknown' });
    expect(rows[3].function).toBe('unknown');
    for (const r of rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(['title', 'function', 'seniority', 'buyingRole', 'confidence', 'evidence']));
  });
});

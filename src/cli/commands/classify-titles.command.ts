import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CliCommand } from '../cli-command';
import { classifyTitle } from '../../intelligence/roles/title-classifier.service';

interface ClassifyFlags {
  file?: string;
}

export const classifyTitlesCommand: CliCommand = {
  register(program: Command): void {
    program
      .command('classify-titles')
      .description('Classify job titles (one per line, stdin by default) into function, seniority and buying role; writes JSON lines.')
      .option('--file <path>', 'read titles from this file instead of stdin')
      .action(async (flags: ClassifyFlags) => {
        const input = flags.file ? createReadStream(flags.file, 'utf8') : process.stdin;
        const lines = createInterface({ input, crlfDelay: Infinity });
        for await (const line of lines) {
          const { title, function: fn, seniority, rank, buyingRole, confidence, evidence } = classifyTitle(line.trim());
          const out = { title, function: fn, seniority, ...(rank ? { rank } : {}), buyingRole, confidence, evidence };
          process.stdout.write(`${JSON.stringify(out)}\n`);
        }
      });
  },
};

import type { CliCommand } from '../cli-command';
import { connectCommand } from './connect.command';
import { syncCommand } from './sync.command';
import { statusCommand } from './status.command';
import { exportCommand } from './export.command';
import { migrateCommand } from './migrate.command';
import { sandboxCommand } from './sandbox.command';
import { scoreCommand } from './score.command';
import { tokenCommand } from './token.command';
import { setupCommand } from './setup.command';
import { writebackCommand } from './writeback.command';
import { classifyTitlesCommand } from './classify-titles.command';
import { evaluateCommand } from './evaluate.command';

/** Every `abm` sub-command, in the order `abm --help` lists them. */
export const cliCommands: CliCommand[] = [
  migrateCommand,
  tokenCommand,
  sandboxCommand,
  connectCommand,
  syncCommand,
  statusCommand,
  scoreCommand,
  exportCommand,
  setupCommand,
  writebackCommand,
  classifyTitlesCommand,
  evaluateCommand,
];

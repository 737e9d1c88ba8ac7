import type { CliCommand } from '../cli-command';

/** Every `abm` sub-command, in the order `abm --help` lists them. */
export const cliCommands: CliCommand[] = [];

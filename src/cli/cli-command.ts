import type { Command } from 'commander';

/**
 * One `abm` sub-command. Each lives in its own `*.command.ts` file and is listed in
 * `commands/index.ts`; commands call the same services as the HTTP API, never the API itself.
 */
export interface CliCommand {
  register(program: Command): void;
}

import 'reflect-metadata';
import { Command } from 'commander';
import { cliCommands } from './commands';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('abm')
    .description('Account-based marketing for Salesforce and HubSpot: sync, score, recommend, write back.')
    .showHelpAfterError();
  for (const command of cliCommands) command.register(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createWorkerRuntime } from './app/bootstrap';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';

/** A worker process: job handlers only, no HTTP. Start several against one PostgreSQL to scale out. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.kind === 'pglite') {
    throw new ConfigError('Invalid configuration: DATABASE_URL is required for a separate worker (the embedded database runs its workers inside the service)');
  }
  const runtime = await createWorkerRuntime(config, { workers: true });
  const logger = new Logger('Worker');
  logger.log('worker started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing running jobs, then stopping`);
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `abm worker: failed to start: ${err instanceof Error ? err.message : String(err)}`}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});

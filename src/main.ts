import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpRuntime } from './app/bootstrap';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';
import { TokenService } from './platform/auth/token.service';
import { startDemoIfNeeded } from './sandbox/demo-bootstrap';

/** The HTTP service. In embedded mode (no DATABASE_URL) it also runs the workers in-process. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await createHttpRuntime(config);
  const logger = new Logger('Main');
  const firstAdmin = await runtime.app.get(TokenService).ensureFirstAdmin(config.adminToken, runtime.db.embedded);
  if (firstAdmin) {
    // Printed once, to the terminal of whoever started the service; only its hash is stored.
    process.stdout.write(`\nFirst admin API token (shown once, keep it safe):\n  ${firstAdmin}\n\n`);
  }
  const demo = await startDemoIfNeeded(runtime);
  await runtime.app.listen(config.http.port, config.http.host);
  const url = await runtime.app.getUrl();
  logger.log(`ABM service listening on ${url} (database: ${runtime.db.embedded ? 'embedded PGlite' : 'PostgreSQL'}, workers: ${config.workers})`);
  process.stdout.write(`ABM service ready: ${url}/health · API docs ${url}/api/docs\n`);
  if (demo) process.stdout.write(demo.banner);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing running jobs, then stopping`);
    await runtime.close();
    if (demo) await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`abm: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

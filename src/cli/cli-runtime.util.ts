import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerRuntime, Runtime } from '../app/bootstrap';
import { loadConfig } from '../config/load-config';

/**
 * Opens the same services the API uses (no HTTP, no job handlers) for one CLI command, runs `fn`,
 * and always closes the database again. Logs go to stderr only when something is wrong.
 */
export async function withCliRuntime<T>(fn: (runtime: Runtime<INestApplicationContext>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await createWorkerRuntime(config, { workers: false, logger: ['error', 'warn'] as never });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Prints either one JSON line (for scripts) or human-readable lines. */
export function output(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}

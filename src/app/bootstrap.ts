import 'reflect-metadata';
import { INestApplication, INestApplicationContext, LoggerService, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../config/app-config';
import { openDatabase, DatabaseRuntime } from '../platform/database/database-runtime';
import { createLogger } from '../platform/logging/json-logger';
import { HttpMetricsInterceptor } from '../platform/metrics/http-metrics.interceptor';
import { MetricsService } from '../platform/metrics/metrics.service';
import { QueueService } from '../platform/queue/queue.service';
import { CoreModule } from './core.module';
import { HTTP_CONTROLLERS } from './http-controllers';
import { registerProcessors } from './job-processors';

export interface Runtime<T extends INestApplicationContext> {
  app: T;
  db: DatabaseRuntime;
  queue: QueueService;
  config: AppConfig;
  close(): Promise<void>;
}

function closer(app: INestApplicationContext, queue: QueueService, db: DatabaseRuntime) {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      await queue.stop();
      await app.close();
      await db.close();
    })();
    return closing;
  };
}

/** Validation errors become 400s whose message names the field, e.g. "role must be one of …". */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false });
}

/** The HTTP process: API + OpenAPI docs; in embedded mode it also runs the workers in-process. */
export async function createHttpRuntime(config: AppConfig, logger?: LoggerService): Promise<Runtime<INestApplication>> {
  const db = await openDatabase(config, 'abm-api');
  @Module({ imports: [CoreModule.forRoot(config, db.dataSource)], controllers: HTTP_CONTROLLERS })
  class ApiModule {}
  const app = await NestFactory.create(ApiModule, { logger: logger ?? createLogger(config.log.level, config.log.json), bufferLogs: false, rawBody: true });
  app.useGlobalPipes(validationPipe());
  app.useGlobalInterceptors(new HttpMetricsInterceptor(app.get(MetricsService)));
  // No enableShutdownHooks(): main.ts turns SIGTERM into runtime.close(), which stops the queue, then the app, then
  // the database, in that order. Nest's own hook closed the app (and with it the DataSource) at the same time, and
  // the pool was ended twice.
  const doc = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('ABM API').setVersion('1').addBearerAuth().build());
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/openapi.json' });
  const queue = app.get(QueueService);
  const runWorkers = config.workers === 'embedded';
  await queue.start({ schedule: runWorkers, supervise: runWorkers });
  if (runWorkers) await registerProcessors(app, queue);
  return { app, db, queue, config, close: closer(app, queue, db) };
}

/** A worker or CLI process: the same services, no HTTP. */
export async function createWorkerRuntime(config: AppConfig, options: { workers: boolean; logger?: LoggerService | false }): Promise<Runtime<INestApplicationContext>> {
  const db = await openDatabase(config, options.workers ? 'abm-worker' : 'abm-cli');
  @Module({ imports: [CoreModule.forRoot(config, db.dataSource)] })
  class WorkerModule {}
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: options.logger ?? createLogger(config.log.level, config.log.json) });
  const queue = app.get(QueueService);
  await queue.start({ schedule: options.workers, supervise: options.workers });
  if (options.workers) await registerProcessors(app, queue);
  return { app, db, queue, config, close: closer(app, queue, db) };
}

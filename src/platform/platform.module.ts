import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { MetricsService } from './metrics/metrics.service';
import { QueueService } from './queue/queue.service';

/** Cross-cutting services every feature module may use. Controllers live in HttpPlatformModule. */
@Global()
@Module({
  providers: [TokenService, AuditService, MetricsService, QueueService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, AuditService, MetricsService, QueueService],
})
export class PlatformModule {}

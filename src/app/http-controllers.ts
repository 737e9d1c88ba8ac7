import type { Type } from '@nestjs/common';
import { HealthController } from '../platform/health/health.controller';
import { MetricsController } from '../platform/metrics/metrics.controller';
import { TokensController } from '../platform/auth/tokens.controller';

/** Controllers served by the HTTP process only (thin: they validate input and call services). */
export const HTTP_CONTROLLERS: Type[] = [HealthController, MetricsController, TokensController];

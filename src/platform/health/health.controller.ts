import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { QueueService } from '../queue/queue.service';

/** Liveness (the process answers) and readiness (database and queue answer). Public, no data in it. */
@ApiTags('platform')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource, private readonly queue: QueueService) {}

  @Get() @Public()
  async health(@Res() res: Response): Promise<void> {
    const checks: Record<string, 'up' | 'down'> = { database: 'down', queue: 'down' };
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = 'up';
    } catch {
      /* reported below */
    }
    try {
      if (await this.queue.ping()) checks.queue = 'up';
    } catch {
      /* reported below */
    }
    const ready = Object.values(checks).every((v) => v === 'up');
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ready ? 'ok' : 'degraded', live: true, ready, checks });
  }

  @Get('live') @Public()
  live(): { live: true } {
    return { live: true };
  }
}

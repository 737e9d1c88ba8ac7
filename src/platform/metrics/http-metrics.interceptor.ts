import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { MetricsService } from './metrics.service';

/** Times every request by route template (never by raw URL: ids and e-mails stay out of labels). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = process.hrtime.bigint();
    const req = context.switchToHttp().getRequest<{ method: string; route?: { path?: string } }>();
    const res = context.switchToHttp().getResponse<{ statusCode: number }>();
    const done = () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpDuration.observe({ method: req.method, route: req.route?.path ?? 'unknown', status: String(res.statusCode) }, seconds);
    };
    return next.handle().pipe(tap({ next: done, error: done }));
  }
}

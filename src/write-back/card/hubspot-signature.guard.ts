import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { verifyHubspotSignatureV3 } from './hubspot-signature.util';

interface RawRequest {
  method: string;
  originalUrl?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

function header(req: RawRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * `hubspot.fetch` cannot send headers, so HubSpot's v3 request signature is the only auth on the HubSpot
 * card route (in-crm-surfaces.md §1.3). The signed URI is rebuilt from the forwarded proto/host so it
 * matches behind a TLS-terminating proxy.
 */
@Injectable()
export class HubspotSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RawRequest>();
    const secret = this.config.crm.hubspot?.clientSecret;
    if (!secret) throw new UnauthorizedException('HubSpot app client secret is not configured');
    const proto = header(req, 'x-forwarded-proto')?.split(',')[0].trim() ?? 'https';
    const host = header(req, 'x-forwarded-host') ?? header(req, 'host') ?? '';
    const check = verifyHubspotSignatureV3({
      clientSecret: secret,
      method: req.method,
      uri: `${proto}://${host}${req.originalUrl ?? req.url}`,
      rawBody: req.rawBody ? req.rawBody.toString('utf8') : '',
      signature: header(req, 'x-hubspot-signature-v3'),
      timestamp: header(req, 'x-hubspot-request-timestamp'),
    });
    if (!check.ok) throw new UnauthorizedException(`Invalid HubSpot signature: ${check.reason}`);
    return true;
  }
}

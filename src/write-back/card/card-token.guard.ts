import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { TokenService, type Principal } from '../../platform/auth/token.service';

/** How long a verified token is trusted on the card route: a revoked token stops working within this. */
export const CARD_TOKEN_CACHE_MS = 60_000;
const MAX_ENTRIES = 10_000;
const CARD_ROLES = new Set(['rep', 'marketer', 'admin']);

/**
 * Bearer-token auth for the Salesforce card (called through the Named Credential on every record page
 * view). Verification costs a database round trip, which alone would use most of the card's 20 ms
 * budget on the embedded database, so verified principals are cached briefly by token hash.
 */
@Injectable()
export class CardTokenGuard implements CanActivate {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly tokens: TokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
    if (!match) throw new UnauthorizedException('Missing bearer token: send Authorization: Bearer <token>');
    const key = createHash('sha256').update(match[1]).digest('hex');
    const now = Date.now();
    let entry = this.cache.get(key);
    if (!entry || entry.until < now) {
      const principal = await this.tokens.verify(match[1]);
      if (!principal) {
        this.cache.delete(key);
        throw new UnauthorizedException('Invalid or revoked token');
      }
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      entry = { principal, until: now + CARD_TOKEN_CACHE_MS };
      this.cache.set(key, entry);
    }
    if (!CARD_ROLES.has(entry.principal.role)) throw new ForbiddenException(`Role ${entry.principal.role} may not do this`);
    req.principal = entry.principal;
    return true;
  }
}

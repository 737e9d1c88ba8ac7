import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './api-token.entity';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Principal, TokenService } from './token.service';

/** Global guard: bearer token → principal; 401 without a valid token, 403 when the role is not allowed. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly tokens: TokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Missing bearer token: send Authorization: Bearer <token>');
    const principal = await this.tokens.verify(match[1]);
    if (!principal) throw new UnauthorizedException('Invalid or revoked token');
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (principal.role === 'admin' || allowed.includes(principal.role)) return true;
    throw new ForbiddenException(`Role ${principal.role} may not do this`);
  }
}

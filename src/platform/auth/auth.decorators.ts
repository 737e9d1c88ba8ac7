import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './api-token.entity';
import type { Principal } from './token.service';

export const PUBLIC_KEY = 'abm:public';
export const ROLES_KEY = 'abm:roles';

/** Open route (health only). Everything else needs a token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Roles allowed on a route. Admin may do everything; marketer configures tracks and scoring;
 * rep reads. A route without @Roles is admin-only, so forgetting the decorator fails closed.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
});

import { OAuthError, type TokenInfo } from '../auth.service';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { SandboxRouter } from '../sandbox-router';

/**
 * `POST /oauth/v1/token` (form-encoded, as `client.oauth.tokensApi.create` sends it), token metadata
 * (`client.oauth.accessTokensApi.get`, `refreshTokensApi.get`) and refresh-token revocation
 * (`refreshTokensApi.archive`), per developers.hubspot.com/docs/api/oauth/tokens.
 */
export function registerOAuthRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  router.add({
    method: 'POST',
    template: '/oauth/v1/token',
    auth: 'none',
    handler: (ctx) => {
      try {
        return { status: 200, body: deps.auth.exchange(new URLSearchParams(ctx.rawBody)) };
      } catch (error) {
        if (error instanceof OAuthError) return { status: 400, body: error.body() };
        throw error;
      }
    },
  });

  const notFound = (what: string) => ({ status: 404, body: new OAuthError('NOT_FOUND', `${what} not found`).body() });
  const tokenInfoRoute = (template: string, what: string, lookup: (token: string) => TokenInfo | undefined): void => {
    router.add({
      method: 'GET',
      template,
      auth: 'none',
      handler: (ctx) => {
        const info = lookup(ctx.params.token);
        return info ? { status: 200, body: info } : notFound(what);
      },
    });
  };
  tokenInfoRoute('/oauth/v1/access-tokens/{token}', 'access token', (token) => deps.auth.accessTokenInfo(token));
  tokenInfoRoute('/oauth/v1/refresh-tokens/{token}', 'refresh token', (token) => deps.auth.refreshTokenInfo(token));
  router.add({
    method: 'DELETE',
    template: '/oauth/v1/refresh-tokens/{token}',
    auth: 'none',
    handler: (ctx) => (deps.auth.revokeRefreshToken(ctx.params.token) ? { status: 204 } : notFound('refresh token')),
  });
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.util';
import { HubspotHttpError, errorBody } from './hubspot-errors.util';

export interface Principal {
  kind: 'private-app' | 'oauth';
  /** Stable label for accounting (never the token itself). */
  label: string;
  appId: number;
}

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  redirectUri: string;
  accessTokenTtlMs: number;
  scopes: string[];
}

/** Token metadata as `GET /oauth/v1/access-tokens/{token}` and `/refresh-tokens/{token}` return it. */
export interface TokenInfo {
  token: string;
  user: string;
  hub_domain: string;
  hub_id: number;
  user_id: number;
  scopes: string[];
  token_type: string;
  app_id?: number;
  expires_in?: number;
  client_id?: string;
}

interface AccessToken {
  expiresAt: number;
  label: string;
}

/** OAuth token endpoint errors use this older envelope (`status` = error code), per HubSpot's OAuth docs. */
export class OAuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  body(): Record<string, string> {
    return { status: this.code, message: this.message, correlationId: randomUUID(), requestId: randomUUID() };
  }
}

/**
 * Private-app tokens (never expire) and OAuth 2.0 (`POST /oauth/v1/token`, grants `authorization_code` and
 * `refresh_token`; access tokens live 30 minutes, `expires_in: 1800`) as described in
 * developers.hubspot.com/docs/api/oauth/tokens and the reference (section 2.2, "OAuth token").
 */
export class AuthService {
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Set<string>();
  private readonly authCodes = new Set<string>();
  private issued = 0;

  constructor(
    private readonly clock: SandboxClock,
    readonly privateAppToken: string,
    readonly oauth: OAuthSettings,
    readonly appId: number,
    private readonly portalId: number,
  ) {
    this.refreshTokens.add(oauth.refreshToken);
  }

  /** A single-use authorization code, as the install redirect would deliver it. */
  createAuthorizationCode(): string {
    const code = randomUUID();
    this.authCodes.add(code);
    return code;
  }

  exchange(form: URLSearchParams): { token_type: string; access_token: string; refresh_token: string; expires_in: number } {
    if (form.get('client_id') !== this.oauth.clientId) throw new OAuthError('BAD_CLIENT_ID', 'missing or invalid client_id');
    if (form.get('client_secret') !== this.oauth.clientSecret) throw new OAuthError('BAD_CLIENT_SECRET', 'missing or invalid client_secret');
    const grant = form.get('grant_type');
    let refreshToken: string;
    if (grant === 'refresh_token') {
      refreshToken = form.get('refresh_token') ?? '';
      if (!this.refreshTokens.has(refreshToken)) throw new OAuthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
    } else if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      if (form.get('redirect_uri') !== this.oauth.redirectUri) throw new OAuthError('BAD_REDIRECT_URI', 'redirect_uri does not match');
      if (!this.authCodes.delete(code)) throw new OAuthError('BAD_AUTH_CODE', 'missing or unknown auth code');
      refreshToken = randomUUID();
      this.refreshTokens.add(refreshToken);
    } else {
      throw new OAuthError('BAD_GRANT_TYPE', `unsupported grant_type: ${grant ?? ''}`);
    }
    const accessToken = `CO${randomBytes(24).toString('base64url')}`;
    this.issued++;
    this.accessTokens.set(accessToken, { expiresAt: this.clock.now() + this.oauth.accessTokenTtlMs, label: `oauth#${this.issued}` });
    return { token_type: 'bearer', access_token: accessToken, refresh_token: refreshToken, expires_in: Math.round(this.oauth.accessTokenTtlMs / 1000) };
  }

  private info(token: string, tokenType: string): TokenInfo {
    return { token, user: 'integration-user@example.test', hub_domain: `portal-${this.portalId}.example.test`, hub_id: this.portalId, user_id: 1, scopes: this.oauth.scopes, token_type: tokenType };
  }

  /** Metadata of a live access token (how an app learns the portal it was installed in), else undefined. */
  accessTokenInfo(token: string): TokenInfo | undefined {
    const access = this.accessTokens.get(token);
    const now = this.clock.now();
    if (!access || now >= access.expiresAt) return undefined;
    return { ...this.info(token, 'access'), app_id: this.appId, expires_in: Math.floor((access.expiresAt - now) / 1000) };
  }

  refreshTokenInfo(token: string): TokenInfo | undefined {
    return this.refreshTokens.has(token) ? { ...this.info(token, 'refresh'), client_id: this.oauth.clientId } : undefined;
  }

  /** Uninstall/revoke: the refresh token stops working. */
  revokeRefreshToken(token: string): boolean {
    return this.refreshTokens.delete(token);
  }

  /** Fault hook: every issued OAuth access token expires now. */
  expireAllAccessTokens(): void {
    const now = this.clock.now();
    for (const token of this.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /**
   * Bodies follow the live API: missing/unknown credentials -> 401 INVALID_AUTHENTICATION,
   * expired OAuth token -> 401 EXPIRED_AUTHENTICATION "The OAuth token used to make this call expired N second(s) ago."
   */
  authenticate(authorization: string | undefined): Principal {
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    if (!match) {
      throw new HubspotHttpError(
        401,
        errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview'),
      );
    }
    const token = match[1].trim();
    if (token === this.privateAppToken) return { kind: 'private-app', label: 'private-app', appId: this.appId };
    const access = this.accessTokens.get(token);
    if (!access) {
      throw new HubspotHttpError(401, errorBody('INVALID_AUTHENTICATION', 'The OAuth token used to make this call is invalid or has been revoked.'));
    }
    const now = this.clock.now();
    if (now >= access.expiresAt) {
      const seconds = Math.max(0, Math.floor((now - access.expiresAt) / 1000));
      throw new HubspotHttpError(401, errorBody('EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${seconds} second(s) ago.`, { context: {} }));
    }
    return { kind: 'oauth', label: access.label, appId: this.appId };
  }
}

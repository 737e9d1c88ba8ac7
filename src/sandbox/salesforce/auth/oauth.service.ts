import { createHmac, createPublicKey, KeyObject, randomBytes, verify } from 'node:crypto';
import { INTEGRATION_USER_ID } from '../store/sobject-store';

/**
 * OAuth 2.0 token endpoint behaviour (Salesforce Help, "OAuth 2.0 Refresh Token Flow", "OAuth 2.0 JWT
 * Bearer Flow for Server-to-Server Integration", "OAuth 2.0 Client Credentials Flow"). Token responses
 * carry `access_token, instance_url, id, token_type, issued_at, signature` (+ `refresh_token`/`scope` where
 * Salesforce sends them) and no `expires_in` — clients learn about expiry from a 401 INVALID_SESSION_ID,
 * which is what jsforce's SessionRefreshDelegate reacts to (`src/http-api.ts` `isSessionExpired`).
 * `signature` = Base64(HMAC-SHA256(client secret, id + issued_at)), as documented for the token response.
 */
export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  /** Refresh tokens issued to this app (valid for refresh_token grants). */
  refreshTokens: string[];
  /** Username the JWT `sub` must name, and whose user the sessions run as. */
  username: string;
  userId: string;
  /** PEM public key or X.509 certificate uploaded to the connected app, for JWT bearer. */
  jwtPublicKeyPem?: string;
}

export interface Session {
  accessToken: string;
  clientId: string;
  userId: string;
  issuedAt: number;
  expiresAt: number;
}

export class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, readonly description: string) {
    super(description);
  }
}

export class OAuthService {
  private readonly sessions = new Map<string, Session>();
  private readonly apps = new Map<string, ConnectedApp>();
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    apps: ConnectedApp[],
    private readonly orgId: string,
    private readonly sessionTtlMs: () => number,
    private readonly now: () => number = Date.now,
  ) {
    for (const app of apps) this.addApp(app);
  }

  addApp(app: ConnectedApp): void {
    this.apps.set(app.clientId, app);
    if (app.jwtPublicKeyPem) this.keys.set(app.clientId, createPublicKey(app.jwtPublicKeyPem));
  }

  /** Creates a session directly (what a completed login would give), e.g. for tests' initial access token. */
  issueSession(clientId: string): Session {
    const app = this.apps.get(clientId);
    const issuedAt = this.now();
    const session: Session = {
      accessToken: `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`,
      clientId,
      userId: app?.userId ?? INTEGRATION_USER_ID,
      issuedAt,
      expiresAt: issuedAt + this.sessionTtlMs(),
    };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  /** Valid session for a bearer token, or undefined (expired / unknown / revoked). */
  /**
   * Salesforce session timeouts count inactivity: a session used after more than half of its timeout has
   * passed is extended by a full timeout (Salesforce Help, "Session Security Settings": the timeout is reset
   * by activity once half of it has elapsed).
   */
  authenticate(accessToken: string): Session | undefined {
    const s = this.sessions.get(accessToken);
    if (!s) return undefined;
    const now = this.now();
    if (now >= s.expiresAt) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    const ttl = this.sessionTtlMs();
    if (s.expiresAt - now < ttl / 2) s.expiresAt = now + ttl;
    return s;
  }

  /** Forced expiry of every open session (fault injection). */
  expireAll(): void {
    this.sessions.clear();
  }

  revoke(token: string): void {
    this.sessions.delete(token);
    for (const app of this.apps.values()) app.refreshTokens = app.refreshTokens.filter((t) => t !== token);
  }

  /** Handles a POST to /services/oauth2/token; returns the JSON body or throws OAuthError. */
  token(params: URLSearchParams, baseUrl: string, loginUrl: string): Record<string, string> {
    const grant = params.get('grant_type');
    switch (grant) {
      case 'refresh_token': {
        const app = this.clientFor(params, true);
        const refresh = params.get('refresh_token') ?? '';
        if (!app.refreshTokens.includes(refresh)) throw new OAuthError(400, 'invalid_grant', 'expired access/refresh token');
        return this.response(app, baseUrl, loginUrl, {});
      }
      case 'client_credentials': {
        const app = this.clientFor(params, true);
        return this.response(app, baseUrl, loginUrl, {});
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        return this.jwtBearer(params.get('assertion') ?? '', baseUrl, loginUrl);
      case null:
        throw new OAuthError(400, 'unsupported_grant_type', 'grant type not supported');
      default:
        throw new OAuthError(400, 'unsupported_grant_type', 'grant type not supported');
    }
  }

  private clientFor(params: URLSearchParams, requireSecret: boolean): ConnectedApp {
    const app = this.apps.get(params.get('client_id') ?? '');
    if (!app) throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
    if (requireSecret && params.get('client_secret') !== app.clientSecret) {
      throw new OAuthError(400, 'invalid_client', 'invalid client credentials');
    }
    return app;
  }

  /**
   * JWT bearer: header.payload.signature, RS256 over "header.payload" with the app's certificate key;
   * claims iss = consumer key, sub = username, aud = login URL, exp in the future (≤ 3 minutes is what
   * Salesforce asks for; the sandbox only requires it not to have passed).
   */
  private jwtBearer(assertion: string, baseUrl: string, loginUrl: string): Record<string, string> {
    const parts = assertion.split('.');
    if (parts.length !== 3) throw new OAuthError(400, 'invalid_grant', 'invalid assertion');
    let header: { alg?: string };
    let claims: { iss?: string; sub?: string; aud?: string | string[]; exp?: number };
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new OAuthError(400, 'invalid_grant', 'invalid assertion');
    }
    if (header.alg !== 'RS256') throw new OAuthError(400, 'invalid_grant', 'invalid assertion');
    const app = this.apps.get(claims.iss ?? '');
    if (!app) throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
    const key = this.keys.get(app.clientId);
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!key || !verify('RSA-SHA256', signed, key, Buffer.from(parts[2], 'base64url'))) {
      throw new OAuthError(400, 'invalid_grant', 'invalid assertion');
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const allowed = [loginUrl, 'https://login.salesforce.com', 'https://test.salesforce.com'].map((u) => u.replace(/\/$/, ''));
    if (!audiences.some((a) => a && allowed.includes(a.replace(/\/$/, '')))) throw new OAuthError(400, 'invalid_grant', 'audience is invalid');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now()) throw new OAuthError(400, 'invalid_grant', 'expired authorization code');
    if (claims.sub !== app.username) throw new OAuthError(400, 'invalid_grant', "user hasn't approved this consumer");
    return this.response(app, baseUrl, loginUrl, {});
  }

  private response(app: ConnectedApp, baseUrl: string, loginUrl: string, extra: Record<string, string>): Record<string, string> {
    const session = this.issueSession(app.clientId);
    const id = `${loginUrl}/id/${this.orgId}/${session.userId}`;
    const issuedAt = String(session.issuedAt);
    return {
      access_token: session.accessToken,
      signature: createHmac('sha256', app.clientSecret).update(id + issuedAt).digest('base64'),
      scope: 'api refresh_token',
      instance_url: baseUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      ...extra,
    };
  }
}

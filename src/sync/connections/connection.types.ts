import type { CrmProvider } from '../../platform/database/columns';

/** What an admin supplies to create a connection (API body, CLI flags or environment variables). */
export interface NewConnection {
  name: string;
  provider: CrmProvider;
  authType: 'oauth_refresh' | 'jwt_bearer' | 'client_credentials' | 'private_app' | 'oauth';
  baseUrl: string;
  loginUrl?: string | null;
  /** Tokens, keys and secrets: sealed with AES-256-GCM before they touch the database. */
  secrets: Record<string, string>;
  settings?: Record<string, unknown>;
  integrationUserId?: string | null;
  isSandbox?: boolean;
}

/** A connection as the API and CLI show it: never any secret. */
export interface ConnectionView {
  id: string;
  name: string;
  provider: CrmProvider;
  authType: string;
  baseUrl: string;
  loginUrl: string | null;
  status: string;
  isSandbox: boolean;
  integrationUserId: string | null;
  settings: Record<string, unknown>;
  secretKeys: string[];
  createdAt: Date;
}

/** Required secret names per auth type. */
export const REQUIRED_SECRETS: Record<NewConnection['authType'], string[]> = {
  oauth_refresh: ['clientId', 'refreshToken'],
  jwt_bearer: ['clientId', 'username', 'privateKeyPem'],
  client_credentials: ['clientId', 'clientSecret'],
  private_app: ['accessToken'],
  oauth: ['clientId', 'clientSecret', 'refreshToken'],
};

export const AUTH_TYPES_BY_PROVIDER: Record<CrmProvider, Array<NewConnection['authType']>> = {
  salesforce: ['oauth_refresh', 'jwt_bearer', 'client_credentials'],
  hubspot: ['private_app', 'oauth'],
};

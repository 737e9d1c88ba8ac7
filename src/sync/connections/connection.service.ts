import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { open, seal } from '../../platform/crypto/secret-box.util';
import { CrmConnection } from '../entities/crm-connection.entity';
import { settingsProblem } from './connection-settings.util';
import { AUTH_TYPES_BY_PROVIDER, ConnectionView, NewConnection, REQUIRED_SECRETS } from './connection.types';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * CRM connections: several per installation, secrets sealed at rest with the row id as associated data
 * (a ciphertext copied into another row does not decrypt), rotated tokens persisted as they arrive.
 */
@Injectable()
export class ConnectionService {
  constructor(private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get repo() {
    return this.dataSource.getRepository(CrmConnection);
  }

  validate(input: NewConnection): void {
    // Same rule as the API's DTO, so `abm connect` and environment connections cannot store a name the API rejects.
    if (typeof input.name !== 'string' || input.name.length > 100 || !/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(input.name)) {
      throw new BadRequestException('name may contain letters, digits, space, _ . - (at most 100 characters, starting with a letter or digit)');
    }
    if (!AUTH_TYPES_BY_PROVIDER[input.provider]?.includes(input.authType)) {
      throw new BadRequestException(`authType must be one of ${AUTH_TYPES_BY_PROVIDER[input.provider]?.join(', ') ?? '?'} for ${input.provider}`);
    }
    const missing = REQUIRED_SECRETS[input.authType].filter((k) => !input.secrets[k]);
    if (missing.length) throw new BadRequestException(`secrets.${missing[0]} is required for ${input.authType}`);
    if (!/^https?:\/\/\S+$/.test(input.baseUrl)) throw new BadRequestException('baseUrl must be an http(s) URL');
  }

  /** The settings a change would leave, checked together (a part size against the stored page size too). */
  private checkSettings(change: Record<string, unknown> | undefined, stored: Record<string, unknown> | undefined): void {
    const problem = settingsProblem(change, stored);
    if (problem) throw new BadRequestException(problem);
  }

  /** Creates the connection, or updates the one with the same name (idempotent for env and demo setup). */
  async upsert(input: NewConnection): Promise<ConnectionView> {
    this.validate(input);
    const existing = await this.repo.findOneBy({ name: input.name });
    this.checkSettings(input.settings, existing?.settings);
    const id = existing?.id ?? randomUUID();
    const row = this.repo.create({
      ...(existing ?? {}),
      id,
      name: input.name,
      provider: input.provider,
      authType: input.authType,
      baseUrl: input.baseUrl,
      loginUrl: input.loginUrl ?? null,
      secretsEncrypted: seal(this.config.encryptionKey, JSON.stringify(input.secrets), id),
      settings: { ...(existing?.settings ?? {}), ...(input.settings ?? {}) },
      integrationUserId: input.integrationUserId ?? existing?.integrationUserId ?? null,
      isSandbox: input.isSandbox ?? false,
      status: 'active',
    });
    await this.repo.save(row);
    return this.view(await this.repo.findOneByOrFail({ id }));
  }

  async list(): Promise<ConnectionView[]> {
    return (await this.repo.find({ order: { name: 'ASC' } })).map((c) => this.view(c));
  }

  async get(idOrName: string): Promise<CrmConnection> {
    const row = UUID_RE.test(idOrName) ? await this.repo.findOneBy({ id: idOrName }) : await this.repo.findOneBy({ name: idOrName });
    if (!row) throw new NotFoundException(`No connection ${idOrName}`);
    return row;
  }

  async remove(idOrName: string): Promise<void> {
    const row = await this.get(idOrName);
    await this.repo.delete({ id: row.id });
  }

  async updateSettings(idOrName: string, settings: Record<string, unknown>, status?: CrmConnection['status']): Promise<ConnectionView> {
    const row = await this.get(idOrName);
    this.checkSettings(settings, row.settings);
    row.settings = { ...row.settings, ...settings };
    if (status) row.status = status;
    await this.repo.save(row);
    return this.view(row);
  }

  async setStatus(id: string, status: CrmConnection['status']): Promise<void> {
    await this.repo.update({ id }, { status });
  }

  secrets(row: CrmConnection): Record<string, string> {
    return JSON.parse(open(this.config.encryptionKey, row.secretsEncrypted, row.id)) as Record<string, string>;
  }

  /** Merges rotated tokens into the sealed secrets (outside any sync transaction; one short UPDATE). */
  async saveSecrets(id: string, patch: Record<string, string | undefined>): Promise<void> {
    const row = await this.repo.findOneByOrFail({ id });
    const next = { ...this.secrets(row) };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) next[k] = v;
    await this.repo.update({ id }, { secretsEncrypted: seal(this.config.encryptionKey, JSON.stringify(next), id) });
  }

  view(c: CrmConnection): ConnectionView {
    let secretKeys: string[] = [];
    try {
      secretKeys = Object.keys(this.secrets(c)).sort();
    } catch {
      secretKeys = [];
    }
    return {
      id: c.id, name: c.name, provider: c.provider, authType: c.authType, baseUrl: c.baseUrl, loginUrl: c.loginUrl, status: c.status,
      isSandbox: c.isSandbox, integrationUserId: c.integrationUserId, settings: c.settings, secretKeys, createdAt: c.createdAt,
    };
  }

  /**
   * The simple case: SALESFORCE_* / HUBSPOT_* environment variables describe one connection each
   * (named "salesforce" and "hubspot"); created or refreshed at start-up.
   */
  async ensureFromEnvironment(): Promise<ConnectionView[]> {
    const out: ConnectionView[] = [];
    const sf = this.config.crm.salesforce;
    if (sf?.clientId && sf.refreshToken) {
      out.push(await this.upsert({ name: 'salesforce', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.instanceUrl, loginUrl: sf.loginUrl,
        secrets: { clientId: sf.clientId, refreshToken: sf.refreshToken, ...(sf.clientSecret ? { clientSecret: sf.clientSecret } : {}) } }));
    }
    const hs = this.config.crm.hubspot;
    if (hs) {
      out.push(await this.upsert({ name: 'hubspot', provider: 'hubspot', authType: 'private_app', baseUrl: hs.baseUrl,
        secrets: { accessToken: hs.accessToken, ...(hs.clientSecret ? { webhookSecret: hs.clientSecret } : {}) } }));
    }
    return out;
  }
}

import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { ApiToken, Role } from './api-token.entity';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return `abm_${randomBytes(24).toString('base64url')}`;
}

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** API tokens: stored as SHA-256 only, compared in constant time, shown once at creation. */
@Injectable()
export class TokenService {
  constructor(private readonly dataSource: DataSource) {}

  async create(name: string, role: Role, token = generateToken()): Promise<{ token: string; record: ApiToken }> {
    const repo = this.dataSource.getRepository(ApiToken);
    const record = await repo.save(repo.create({ name, role, tokenHash: hashToken(token), prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null }));
    return { token, record };
  }

  async verify(token: string): Promise<Principal | null> {
    if (!/^abm_[A-Za-z0-9_-]{20,}$/.test(token)) return null;
    const hash = hashToken(token);
    const record = await this.dataSource.getRepository(ApiToken).findOne({ where: { tokenHash: hash, revokedAt: IsNull() } });
    // The lookup is by hash; the constant-time compare guards against any index/collation surprise.
    if (!record || !timingSafeEqual(Buffer.from(record.tokenHash), Buffer.from(hash))) return null;
    return { tokenId: record.id, name: record.name, role: record.role };
  }

  async list(): Promise<ApiToken[]> {
    return this.dataSource.getRepository(ApiToken).find({ order: { createdAt: 'ASC' } });
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(ApiToken).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async countActiveAdmins(): Promise<number> {
    return this.dataSource.getRepository(ApiToken).count({ where: { role: 'admin', revokedAt: IsNull() } });
  }

  /**
   * First start: make sure an admin can get in. With ABM_ADMIN_TOKEN the given token is registered;
   * otherwise, in embedded mode, a token is generated and returned so the caller prints it once.
   */
  async ensureFirstAdmin(configured: string | undefined, generate: boolean): Promise<string | null> {
    if (configured) {
      const existing = await this.dataSource.getRepository(ApiToken).findOne({ where: { tokenHash: hashToken(configured) } });
      if (!existing) await this.create('configured admin', 'admin', configured);
      return null;
    }
    if (!generate || (await this.countActiveAdmins()) > 0) return null;
    const { token } = await this.create('first admin', 'admin');
    return token;
  }
}

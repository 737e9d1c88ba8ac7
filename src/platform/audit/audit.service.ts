import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntry } from './audit-log.entity';

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an action; pass the transaction's manager so the entry commits with the change. */
  async record(entry: { actor: string; action: string; targetType?: string; targetId?: string; details?: Record<string, unknown> }, manager?: EntityManager): Promise<void> {
    const repo = (manager ?? this.dataSource.manager).getRepository(AuditLogEntry);
    await repo.insert({ actor: entry.actor, action: entry.action, targetType: entry.targetType ?? null, targetId: entry.targetId ?? null, details: (entry.details ?? {}) as never });
  }

  async recent(limit: number): Promise<AuditLogEntry[]> {
    return this.dataSource.getRepository(AuditLogEntry).find({ order: { at: 'DESC' }, take: limit });
  }
}

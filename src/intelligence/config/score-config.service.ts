import { Injectable, NotFoundException, BadRequestException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { ScoreConfig } from '../entities/score-config.entity';
import type { ScoringDefinition } from './scoring-definition.types';
import { defaultScoringDefinition, parseDefinition, ScoringDefinitionError, toYaml, withDefaults } from './scoring-definition.util';

export interface ActiveConfig {
  /** 0 = the default shipped in the repository (no published configuration yet). */
  version: number;
  definition: ScoringDefinition;
}

export interface ConfigSummary {
  version: number;
  status: ScoreConfig['status'] | 'default';
  description: string | null;
  createdBy: string | null;
  createdAt: string | null;
  publishedAt: string | null;
  backtest: Record<string, unknown> | null;
}

/**
 * Scoring configuration as versioned config-as-code: import a YAML/JSON draft, backtest it, publish it (the
 * previously published one retires), roll back (the one published before comes back). Version 0 is the
 * default file in the repository, used while nothing is published.
 */
@Injectable()
export class ScoreConfigService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async active(manager: EntityManager = this.dataSource.manager): Promise<ActiveConfig> {
    const row = await manager.getRepository(ScoreConfig).findOne({ where: { status: 'published' }, order: { publishedAt: 'DESC' } });
    if (!row) return { version: 0, definition: defaultScoringDefinition() };
    return { version: row.version, definition: withDefaults(row.definition) };
  }

  async get(version: number): Promise<ActiveConfig & { row: ScoreConfig | null }> {
    if (version === 0) return { version: 0, definition: defaultScoringDefinition(), row: null };
    const row = await this.dataSource.getRepository(ScoreConfig).findOne({ where: { version } });
    if (!row) throw new NotFoundException(`scoring config version ${version} does not exist`);
    return { version, definition: withDefaults(row.definition), row };
  }

  async list(): Promise<ConfigSummary[]> {
    const rows = await this.dataSource.getRepository(ScoreConfig).find({ order: { version: 'DESC' } });
    const anyPublished = rows.some((r) => r.status === 'published');
    return [
      ...rows.map((r) => ({
        version: r.version,
        status: r.status,
        description: r.description,
        createdBy: r.createdBy,
        createdAt: r.createdAt.toISOString(),
        publishedAt: r.publishedAt?.toISOString() ?? null,
        backtest: r.backtest,
      })),
      { version: 0, status: anyPublished ? 'retired' : 'default', description: 'shipped default', createdBy: null, createdAt: null, publishedAt: null, backtest: null },
    ];
  }

  /** Parses and validates YAML or JSON; a valid one becomes the next draft version. */
  async importDraft(text: string, actor: string, description?: string): Promise<ConfigSummary> {
    let def: ScoringDefinition;
    try {
      def = parseDefinition(text);
    } catch (err) {
      if (err instanceof ScoringDefinitionError) throw new BadRequestException(`scoring config: ${err.message}`);
      throw err;
    }
    // Learned weights come only from training, never from an imported file.
    delete def.learned;
    return this.saveDraft(def, actor, description ?? def.name);
  }

  async saveDraft(def: ScoringDefinition, actor: string, description: string | null, backtest: Record<string, unknown> | null = null): Promise<ConfigSummary> {
    return this.dataSource.transaction(async (manager) => {
      // Serialise version numbering between concurrent imports.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('abm.score_configs'))`);
      const [{ next }] = (await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM score_configs`)) as Array<{ next: number }>;
      const repo = manager.getRepository(ScoreConfig);
      const row = await repo.save(repo.create({ version: Number(next), status: 'draft', description: description?.slice(0, 200) ?? null, definition: def as never, backtest, createdBy: actor, publishedAt: null }));
      await this.audit.record({ actor, action: 'scoring_config.import', targetType: 'score_config', targetId: String(row.version) }, manager);
      // Only the transaction's own manager here: on embedded PGlite (one connection) anything else deadlocks.
      return this.summary(row);
    });
  }

  async recordBacktest(version: number, result: Record<string, unknown>): Promise<void> {
    if (version === 0) return;
    await this.dataSource.getRepository(ScoreConfig).update({ version }, { backtest: result as never });
  }

  async publish(version: number, actor: string): Promise<ConfigSummary> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ScoreConfig);
      const row = await repo.findOne({ where: { version } });
      if (!row) throw new NotFoundException(`scoring config version ${version} does not exist`);
      await repo.update({ status: 'published' }, { status: 'retired' });
      await repo.update({ version }, { status: 'published', publishedAt: new Date() });
      await this.audit.record({ actor, action: 'scoring_config.publish', targetType: 'score_config', targetId: String(version) }, manager);
      return this.summary({ ...row, status: 'published', publishedAt: new Date() });
    });
  }

  /** Retires the published `version`; the version published before it (or the shipped default) is active again. */
  async rollback(version: number, actor: string): Promise<ActiveConfig> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ScoreConfig);
      const row = await repo.findOne({ where: { version } });
      if (!row || row.status !== 'published') throw new BadRequestException(`scoring config version ${version} is not the published one`);
      await repo.update({ version }, { status: 'retired' });
      const previous = await manager.query(
        `SELECT version FROM score_configs WHERE status = 'retired' AND published_at IS NOT NULL AND version <> $1 AND published_at <= $2
         ORDER BY published_at DESC LIMIT 1`,
        [version, row.publishedAt],
      );
      if (previous.length) await repo.update({ version: previous[0].version }, { status: 'published', publishedAt: new Date() });
      await this.audit.record({ actor, action: 'scoring_config.rollback', targetType: 'score_config', targetId: String(version), details: { restored: previous[0]?.version ?? 0 } }, manager);
    });
    return this.active();
  }

  async exportYaml(version: number): Promise<string> {
    const { definition } = await this.get(version);
    return toYaml(definition);
  }

  private summary(r: ScoreConfig): ConfigSummary {
    return { version: r.version, status: r.status, description: r.description, createdBy: r.createdBy, createdAt: r.createdAt?.toISOString() ?? null, publishedAt: r.publishedAt?.toISOString() ?? null, backtest: r.backtest };
  }
}

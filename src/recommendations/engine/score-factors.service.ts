import { Injectable, Optional } from '@nestjs/common';
import type { PackedFactor, ScoreFactor } from '../../intelligence/entities/account-score.entity';
import { ScoreConfigService } from '../../intelligence/config/score-config.service';
import type { ScoringDefinition } from '../../intelligence/config/scoring-definition.types';
import { expandFactors } from '../../intelligence/scoring/packed-factor.util';

/**
 * account_scores.factors is stored packed (`[signal, raw, contribution, decay, detail]`); the words and
 * weights come from the scoring definition of the row's config version (intelligence's expandFactors).
 * Write-back, the card and recommendations read factors through here; object-form rows pass unchanged.
 */
@Injectable()
export class ScoreFactorsService {
  private readonly definitions = new Map<number, ScoringDefinition | null>();

  constructor(@Optional() private readonly configs?: ScoreConfigService) {}

  private async definition(version: number): Promise<ScoringDefinition | null> {
    if (this.definitions.has(version)) return this.definitions.get(version) ?? null;
    let def: ScoringDefinition | null = null;
    if (this.configs) def = await this.configs.get(version).then((c) => c.definition, () => this.configs!.active().then((a) => a.definition));
    this.definitions.set(version, def);
    return def;
  }

  async expand(raw: unknown, configVersion: number): Promise<ScoreFactor[]> {
    if (!Array.isArray(raw) || raw.length === 0) return [];
    if (!Array.isArray(raw[0])) return raw as ScoreFactor[];
    const packed = raw as PackedFactor[];
    const def = await this.definition(configVersion);
    if (def) return expandFactors(packed, def);
    return packed.map((f) => ({ component: f[0].split('.')[0], signal: f[0], rawValue: f[1], weight: 0, decay: f[3], contribution: f[2], text: f[0] }));
  }
}

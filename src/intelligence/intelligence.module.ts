import { Module } from '@nestjs/common';
import { ScoreConfigService } from './config/score-config.service';
import { BacktestService } from './scoring/backtest.service';
import { ScoreQueryService } from './scoring/score-query.service';
import { ScoringEngineService } from './scoring/scoring-engine.service';
import { ScoringProcessor } from './scoring/scoring.processor';
import { WeightTrainingService } from './scoring/weight-training.service';

/** Committees, loyalty, fit, engagement and the explainable account score. */
@Module({
  providers: [ScoreConfigService, ScoringEngineService, ScoreQueryService, BacktestService, WeightTrainingService, ScoringProcessor],
  exports: [ScoreConfigService, ScoringEngineService, ScoreQueryService, BacktestService, WeightTrainingService],
})
export class IntelligenceModule {}

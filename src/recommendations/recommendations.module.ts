import { Module } from '@nestjs/common';
import { IntelligenceModule } from '../intelligence/intelligence.module';
import { RecommendationsService } from './engine/recommendations.service';
import { ScoreFactorsService } from './engine/score-factors.service';
import { NurtureRunnerService } from './nurture/nurture-runner.service';
import { NurtureTracksService } from './nurture/nurture-tracks.service';
import { RecommendationsProcessor } from './recommendations.processor';

@Module({
  imports: [IntelligenceModule],
  providers: [ScoreFactorsService, RecommendationsService, NurtureTracksService, NurtureRunnerService, RecommendationsProcessor],
  exports: [ScoreFactorsService, RecommendationsService, NurtureTracksService, NurtureRunnerService],
})
export class RecommendationsModule {}

import { BadRequestException, Body, Controller, Get, Header, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/token.service';
import { ScoreConfigService } from '../config/score-config.service';
import { toYaml } from '../config/scoring-definition.util';
import { BacktestService } from './backtest.service';
import { BacktestDto, ExportQueryDto, ImportScoringConfigDto, ListAccountsQueryDto, TrainWeightsDto } from './dto/scoring.dto';
import { ScoreQueryService } from './score-query.service';
import { WeightTrainingService } from './weight-training.service';

const actorOf = (p?: Principal) => (p ? `token:${p.tokenId}` : 'unknown');

function parseDate(value: string): Date {
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new BadRequestException('asOf must be a date (YYYY-MM-DD)');
  return d;
}

/** Scores as reps read them: one account's score with history and committee, and tier lists. */
@ApiTags('scores') @ApiBearerAuth()
@Controller('api/v1/accounts')
export class AccountScoresController {
  constructor(private readonly scores: ScoreQueryService) {}

  @Get()
  @Roles('rep', 'marketer')
  list(@Query() q: ListAccountsQueryDto) {
    return this.scores.list({ tier: q.tier, sort: q.sort ?? 'score', limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }

  @Get(':id/score')
  @Roles('rep', 'marketer')
  score(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.scores.accountScore(id);
  }
}

/** Scoring configuration as code: import a draft, backtest, publish, roll back, export; learn weights. */
@ApiTags('scoring') @ApiBearerAuth()
@Controller('api/v1/scoring')
export class ScoringConfigsController {
  constructor(
    private readonly configs: ScoreConfigService,
    private readonly backtests: BacktestService,
    private readonly training: WeightTrainingService,
  ) {}

  @Get('configs')
  @Roles('marketer')
  list() {
    return this.configs.list();
  }

  @Post('configs')
  @Roles('marketer')
  import(@Body() body: ImportScoringConfigDto, @CurrentPrincipal() who?: Principal) {
    if (!body.content === !body.definition) throw new BadRequestException('send either content (YAML/JSON text) or definition (an object)');
    return this.configs.importDraft(body.content ?? JSON.stringify(body.definition), actorOf(who), body.description);
  }

  @Post('configs/:version/backtest')
  @Roles('marketer')
  backtest(@Param('version', ParseIntPipe) version: number, @Body() body: BacktestDto) {
    return this.backtests.backtest(version, parseDate(body.asOf), body.horizonDays ?? 365);
  }

  @Post('configs/:version/publish')
  @Roles('marketer')
  publish(@Param('version', ParseIntPipe) version: number, @CurrentPrincipal() who?: Principal) {
    return this.configs.publish(version, actorOf(who));
  }

  @Post('configs/:version/rollback')
  @Roles('marketer')
  async rollback(@Param('version', ParseIntPipe) version: number, @CurrentPrincipal() who?: Principal) {
    const active = await this.configs.rollback(version, actorOf(who));
    return { activeVersion: active.version };
  }

  @Get('configs/:version/export')
  @Roles('marketer')
  async export(@Param('version', ParseIntPipe) version: number, @Query() q: ExportQueryDto, @Res() res: Response) {
    const { definition } = await this.configs.get(version);
    if (q.format === 'json') res.type('application/json').send(JSON.stringify(definition, null, 2));
    else res.type('application/yaml').send(toYaml(definition));
  }

  @Post('train')
  @Roles('marketer')
  @Header('Cache-Control', 'no-store')
  train(@Body() body: TrainWeightsDto, @CurrentPrincipal() who?: Principal) {
    return this.training.train({ asOf: parseDate(body.asOf), horizonDays: body.horizonDays, minimumOutcomes: body.minimumOutcomes, actor: actorOf(who) });
  }
}

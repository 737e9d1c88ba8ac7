import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../platform/audit/audit.service';
import { CurrentPrincipal, Roles } from '../platform/auth/auth.decorators';
import type { Principal } from '../platform/auth/token.service';
import { UpdateRecommendationStatusDto } from './dto/recommendation-status.dto';
import { RecommendationsService } from './engine/recommendations.service';
import { CardService } from '../write-back/card/card.service';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('api/v1')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService, private readonly audit: AuditService, private readonly cards: CardService) {}

  @Get('accounts/:accountId/recommendations')
  @Roles('rep', 'marketer')
  list(@Param('accountId', new ParseUUIDPipe()) accountId: string, @Query('all') all?: string) {
    return this.recommendations.listForAccount(accountId, all === 'true' ? ['open', 'accepted', 'done', 'dismissed', 'expired'] : undefined);
  }

  @Patch('recommendations/:id')
  @Roles('rep')
  async setStatus(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateRecommendationStatusDto, @CurrentPrincipal() principal?: Principal) {
    const rec = await this.recommendations.setStatus(id, body.status);
    // The rep sees the change on the next card load, not after the card cache expires.
    this.cards.invalidate();
    await this.audit.record({ actor: principal?.name ?? 'unknown', action: 'recommendation.status', targetType: 'recommendation', targetId: id, details: { status: body.status } });
    return rec;
  }
}

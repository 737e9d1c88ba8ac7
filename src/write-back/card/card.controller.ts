import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public } from '../../platform/auth/auth.decorators';
import type { CardPayload } from './card-payload.types';
import { CardService } from './card.service';
import { CardTokenGuard } from './card-token.guard';
import { HubspotSignatureGuard } from './hubspot-signature.guard';

/**
 * The in-CRM card. Salesforce calls through a Named Credential carrying one of our API tokens (rep,
 * marketer or admin; checked by CardTokenGuard, which caches verified tokens for a minute);
 * HubSpot's `hubspot.fetch` cannot carry a token, so that route is authenticated by HubSpot's v3
 * request signature instead of a bearer token.
 */
@ApiTags('card')
@Controller('api/v1/card')
export class CardController {
  constructor(private readonly cards: CardService) {}

  @Get('salesforce/:accountId')
  @ApiBearerAuth()
  @Public()
  @UseGuards(CardTokenGuard)
  salesforce(@Param('accountId') accountId: string): Promise<CardPayload> {
    return this.cards.card('salesforce', 'Account', accountId);
  }

  @Get('hubspot/:objectType/:objectId')
  @Public()
  @UseGuards(HubspotSignatureGuard)
  hubspot(@Param('objectType') objectType: string, @Param('objectId') objectId: string): Promise<CardPayload> {
    return this.cards.card('hubspot', objectType, objectId);
  }
}

import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/auth.decorators';
import { ContactConsentService } from './contact-consent.service';

@ApiTags('contacts') @ApiBearerAuth()
@Controller('api/v1/contacts')
export class ContactConsentController {
  constructor(private readonly consent: ContactConsentService) {}

  /** Reps see why a person is or is not targeted; marketers audit opt-outs. */
  @Get(':id/consent')
  @Roles('rep', 'marketer')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.consent.consent(id);
  }
}

import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AuditService } from '../../platform/audit/audit.service';
import { CurrentPrincipal, Roles } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/token.service';
import { MatchOverrideService } from './match-override.service';

export class MatchOverrideDto {
  @ApiPropertyOptional({ description: 'account to attach the CRM record to; omitted = split it into an account of its own' })
  @IsOptional() @IsUUID()
  accountId?: string;
}

@ApiTags('accounts') @ApiBearerAuth()
@Controller('api/v1/account-sources')
@Roles('admin')
export class MatchOverrideController {
  constructor(private readonly overrides: MatchOverrideService, private readonly audit: AuditService) {}

  @Post(':id/match')
  async override(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: MatchOverrideDto, @CurrentPrincipal() who: Principal) {
    const result = await this.overrides.moveAccountSource(id, body.accountId ?? null);
    await this.audit.record({ actor: `token:${who.tokenId}`, action: 'account.match_override', targetType: 'account_source', targetId: id, details: { ...result } });
    return result;
  }
}

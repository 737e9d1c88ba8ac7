import { Body, Controller, Delete, Get, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { CreateTokenDto } from './dto/create-token.dto';
import { Principal, TokenService } from './token.service';

@ApiTags('admin') @ApiBearerAuth()
@Controller('api/v1/tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: TokenService, private readonly audit: AuditService) {}

  @Get()
  async list() {
    const rows = await this.tokens.list();
    return rows.map((t) => ({ id: t.id, name: t.name, role: t.role, prefix: t.prefix, createdAt: t.createdAt, revokedAt: t.revokedAt }));
  }

  /** The token is in this response only; we keep just its hash. */
  @Post()
  async create(@Body() body: CreateTokenDto, @CurrentPrincipal() who: Principal) {
    const { token, record } = await this.tokens.create(body.name, body.role);
    await this.audit.record({ actor: `token:${who.tokenId}`, action: 'token.create', targetType: 'api_token', targetId: record.id, details: { role: body.role } });
    return { id: record.id, name: record.name, role: record.role, token };
  }

  @Delete(':id')
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() who: Principal) {
    if (!(await this.tokens.revoke(id))) throw new NotFoundException(`No active token ${id}`);
    await this.audit.record({ actor: `token:${who.tokenId}`, action: 'token.revoke', targetType: 'api_token', targetId: id });
    return { revoked: true };
  }
}

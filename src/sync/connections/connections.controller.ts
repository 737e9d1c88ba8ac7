import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../platform/audit/audit.service';
import { CurrentPrincipal, Roles } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/token.service';
import { SyncStatusService } from '../status/sync-status.service';
import { SyncScheduler } from '../sync-scheduler.service';
import { CreateConnectionDto, TriggerSyncDto, UpdateConnectionDto } from './connection.dto';
import { ConnectionService } from './connection.service';

/** CRM connections (admin only): secrets go in, never come out. */
@ApiTags('sync') @ApiBearerAuth()
@Controller('api/v1')
@Roles('admin')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionService, private readonly scheduler: SyncScheduler, private readonly status: SyncStatusService, private readonly audit: AuditService) {}

  @Get('connections')
  list() {
    return this.connections.list();
  }

  @Post('connections')
  async create(@Body() body: CreateConnectionDto, @CurrentPrincipal() who: Principal) {
    const view = await this.connections.upsert(body);
    await this.scheduler.scheduleConnection(view.id);
    await this.audit.record({ actor: `token:${who.tokenId}`, action: 'connection.upsert', targetType: 'crm_connection', targetId: view.id, details: { provider: view.provider, authType: view.authType } });
    return view;
  }

  @Patch('connections/:id')
  async update(@Param('id') id: string, @Body() body: UpdateConnectionDto, @CurrentPrincipal() who: Principal) {
    const view = await this.connections.updateSettings(id, body.settings ?? {}, body.status);
    await this.audit.record({ actor: `token:${who.tokenId}`, action: 'connection.update', targetType: 'crm_connection', targetId: view.id, details: { status: body.status ?? null } });
    return view;
  }

  @Delete('connections/:id')
  async remove(@Param('id') id: string, @CurrentPrincipal() who: Principal) {
    await this.connections.remove(id);
    await this.audit.record({ actor: `token:${who.tokenId}`, action: 'connection.delete', targetType: 'crm_connection', targetId: id });
    return { deleted: true };
  }

  @Post('connections/:id/sync')
  async trigger(@Param('id') id: string, @Body() body: TriggerSyncDto, @CurrentPrincipal() who: Principal) {
    const conn = await this.connections.get(id);
    const jobId = await this.scheduler.trigger(conn.id, body.mode ?? 'incremental', body.objectType);
    await this.audit.record({ actor: `token:${who.tokenId}`, action: 'sync.trigger', targetType: 'crm_connection', targetId: conn.id, details: { mode: body.mode ?? 'incremental', objectType: body.objectType ?? null } });
    return { queued: jobId !== null, jobId };
  }

  @Get('sync/status')
  syncStatus() {
    return this.status.status();
  }
}

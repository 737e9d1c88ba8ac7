import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../platform/audit/audit.service';
import { CurrentPrincipal, Roles } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/token.service';
import { CreateNurtureTrackDto, UpdateNurtureTrackDto } from '../dto/nurture-track.dto';
import { NurtureTracksService } from './nurture-tracks.service';

@ApiTags('nurture-tracks')
@ApiBearerAuth()
@Roles('marketer')
@Controller('api/v1/nurture-tracks')
export class NurtureTracksController {
  constructor(private readonly tracks: NurtureTracksService, private readonly audit: AuditService) {}

  @Get()
  list() {
    return this.tracks.list();
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.tracks.get(id);
  }

  @Post()
  async create(@Body() body: CreateNurtureTrackDto, @CurrentPrincipal() principal?: Principal) {
    const track = await this.tracks.create(body, principal?.name ?? null);
    await this.audit.record({ actor: principal?.name ?? 'unknown', action: 'nurture_track.create', targetType: 'nurture_track', targetId: track.id });
    return track;
  }

  @Patch(':id')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateNurtureTrackDto, @CurrentPrincipal() principal?: Principal) {
    const track = await this.tracks.update(id, body);
    await this.audit.record({ actor: principal?.name ?? 'unknown', action: 'nurture_track.update', targetType: 'nurture_track', targetId: id, details: { version: track.version, status: track.status } });
    return track;
  }

  @Post(':id/enrol')
  enrol(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.tracks.enrol(id);
  }
}

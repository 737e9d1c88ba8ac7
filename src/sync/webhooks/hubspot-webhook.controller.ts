import { Body, Controller, ForbiddenException, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/auth.decorators';
import { QueueService } from '../../platform/queue/queue.service';
import { ConnectionService } from '../connections/connection.service';
import { eventsToReads, verifyHubspotSignatureV3, type HubspotWebhookEvent } from './hubspot-signature.util';

/**
 * HubSpot webhooks: public, but every request must carry a valid v3 signature. Answers within
 * milliseconds (HubSpot retries slow endpoints) and leaves the reads to the `sync.webhook-batch` job.
 */
@ApiTags('sync')
@Controller('api/v1/webhooks/hubspot')
export class HubspotWebhookController {
  constructor(private readonly connections: ConnectionService, private readonly queue: QueueService) {}

  @Post(':connectionId') @Public() @HttpCode(200)
  async receive(@Param('connectionId', new ParseUUIDPipe()) connectionId: string, @Req() req: Request & { rawBody?: Buffer }, @Body() body: unknown): Promise<{ accepted: number }> {
    const conn = await this.connections.get(connectionId).catch(() => null);
    if (!conn || conn.provider !== 'hubspot') throw new NotFoundException('unknown connection');
    const secrets = this.connections.secrets(conn);
    const secret = secrets.webhookSecret ?? secrets.clientSecret;
    if (!secret) throw new ForbiddenException('webhooks are not configured for this connection');
    const settings = conn.settings as { webhookUrl?: string; hubspotAppId?: string };
    const url = settings.webhookUrl ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    const rawBody = req.rawBody ? req.rawBody.toString('utf8') : JSON.stringify(body);
    const check = verifyHubspotSignatureV3({
      clientSecret: secret, method: req.method, url, rawBody,
      timestamp: req.get('x-hubspot-request-timestamp'), signature: req.get('x-hubspot-signature-v3'),
    });
    if (!check.ok) throw new ForbiddenException(`invalid webhook signature: ${check.reason}`);
    const events = Array.isArray(body) ? (body as HubspotWebhookEvent[]) : [];
    const reads = eventsToReads(events, { appId: settings.hubspotAppId ?? null, userId: conn.integrationUserId });
    if (reads.length) await this.queue.send('sync.webhook-batch', { connectionId: conn.id, events: reads });
    return { accepted: reads.length };
  }
}

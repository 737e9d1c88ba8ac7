import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateConnectionDto {
  @ApiProperty() @IsString() @MaxLength(100) @Matches(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, { message: 'name may contain letters, digits, space, _ . -' })
  name!: string;

  @ApiProperty({ enum: ['salesforce', 'hubspot'] }) @IsIn(['salesforce', 'hubspot'])
  provider!: 'salesforce' | 'hubspot';

  @ApiProperty({ enum: ['oauth_refresh', 'jwt_bearer', 'client_credentials', 'private_app', 'oauth'] })
  @IsIn(['oauth_refresh', 'jwt_bearer', 'client_credentials', 'private_app', 'oauth'])
  authType!: 'oauth_refresh' | 'jwt_bearer' | 'client_credentials' | 'private_app' | 'oauth';

  @ApiProperty({ description: 'Salesforce instance URL or HubSpot API base URL' }) @Matches(/^https?:\/\/\S+$/, { message: 'baseUrl must be an http(s) URL' })
  baseUrl!: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'loginUrl must be an http(s) URL' })
  loginUrl?: string;

  @ApiProperty({ description: 'clientId, clientSecret, refreshToken, username, privateKeyPem, accessToken, webhookSecret as the auth type needs; stored encrypted, never returned' })
  @IsObject()
  secrets!: Record<string, string>;

  @ApiPropertyOptional({ description: 'objects (mapping overrides), intervals, budget, rateLimit, hubspotTier, lookbackSeconds, …' }) @IsOptional() @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  integrationUserId?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isSandbox?: boolean;
}

export class UpdateConnectionDto {
  @ApiPropertyOptional() @IsOptional() @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['active', 'paused', 'disabled'] }) @IsOptional() @IsIn(['active', 'paused', 'disabled'])
  status?: 'active' | 'paused' | 'disabled';
}

export class TriggerSyncDto {
  @ApiPropertyOptional({ enum: ['full', 'incremental', 'reconcile'] }) @IsOptional() @IsIn(['full', 'incremental', 'reconcile'])
  mode?: 'full' | 'incremental' | 'reconcile';

  @ApiPropertyOptional({ description: 'one CRM object, e.g. Account or contacts; all when absent' }) @IsOptional() @IsString() @MaxLength(80)
  objectType?: string;
}

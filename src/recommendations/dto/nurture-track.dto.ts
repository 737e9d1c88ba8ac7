import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';

export class CreateNurtureTrackDto {
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiPropertyOptional({ enum: ['draft', 'active', 'paused'] }) @IsOptional() @IsIn(['draft', 'active', 'paused']) status?: 'draft' | 'active' | 'paused';
  @ApiProperty({ description: 'Entry criteria, steps, exits, calendar, caps, variants, holdoutPercent' }) @IsObject() definition!: Record<string, unknown>;
}

export class UpdateNurtureTrackDto {
  @ApiPropertyOptional({ enum: ['draft', 'active', 'paused', 'archived'] }) @IsOptional() @IsIn(['draft', 'active', 'paused', 'archived']) status?: 'draft' | 'active' | 'paused' | 'archived';
  @ApiPropertyOptional() @IsOptional() @IsObject() definition?: Record<string, unknown>;
}

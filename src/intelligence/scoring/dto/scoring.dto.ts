import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

export class ImportScoringConfigDto {
  @ApiPropertyOptional({ description: 'The configuration as YAML or JSON text' })
  @IsOptional() @IsString() @MaxLength(200_000)
  content?: string;

  @ApiPropertyOptional({ description: 'The configuration as a JSON object (instead of content)' })
  @IsOptional() @IsObject()
  definition?: Record<string, unknown>;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  description?: string;
}

export class BacktestDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Score as of this date using only earlier data' })
  @IsISO8601({ strict: true })
  asOf!: string;

  @ApiPropertyOptional({ default: 365 }) @IsOptional() @Type(() => Number) @IsInt() @Min(7) @Max(1095)
  horizonDays?: number;
}

export class TrainWeightsDto extends BacktestDto {
  @ApiPropertyOptional({ default: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(20) @Max(1_000_000)
  minimumOutcomes?: number;
}

export class ListAccountsQueryDto {
  @ApiPropertyOptional({ enum: ['A', 'B', 'C', 'D'] }) @IsOptional() @IsIn(['A', 'B', 'C', 'D'])
  tier?: 'A' | 'B' | 'C' | 'D';

  @ApiPropertyOptional({ enum: ['score', 'name', 'delta'], default: 'score' }) @IsOptional() @IsIn(['score', 'name', 'delta'])
  sort?: 'score' | 'name' | 'delta';

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['yaml', 'json'], default: 'yaml' }) @IsOptional() @IsIn(['yaml', 'json'])
  format?: 'yaml' | 'json';
}

import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class UpdateRecommendationStatusDto {
  @ApiProperty({ enum: ['open', 'accepted', 'done', 'dismissed'] })
  @IsIn(['open', 'accepted', 'done', 'dismissed'])
  status!: 'open' | 'accepted' | 'done' | 'dismissed';
}

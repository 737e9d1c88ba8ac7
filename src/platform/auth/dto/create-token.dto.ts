import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ROLES, Role } from '../api-token.entity';

export class CreateTokenDto {
  @ApiProperty({ example: 'Jane (marketing ops)' }) @IsString() @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES)
  role!: Role;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, MaxLength } from 'class-validator';

/** A partial draft change: keys present replace the field's value, `null` clears it, absent keys stay. */
export class UpdateEntryDto {
  @ApiProperty({
    example: 'en',
    description: 'The locale whose draft is saved (shared fields change for every locale)',
  })
  @IsString()
  @MaxLength(35)
  locale!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { title: 'Hello again', summary: null } })
  @IsObject()
  data!: Record<string, unknown>;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { SELF_SERVICE_CONSENT_SOURCES, type SelfServiceConsentSource } from '../consent-source';

/** The user's answer for one purpose. */
export class UpdateConsentDto {
  @ApiProperty({ description: 'true to opt in, false to withdraw (or refuse)' })
  @IsBoolean()
  granted!: boolean;

  @ApiPropertyOptional({
    enum: SELF_SERVICE_CONSENT_SOURCES,
    default: 'api',
    description: 'Where the answer was given: the console, or another client of the API',
  })
  @IsOptional()
  @IsIn(SELF_SERVICE_CONSENT_SOURCES)
  source?: SelfServiceConsentSource;
}

/** A platform administrator records the user's answer given elsewhere (a paper form); the source is `administrator`. */
export class AdministratorUpdateConsentDto {
  @ApiProperty({ description: 'true: the user opted in; false: the user withdrew (or refused)' })
  @IsBoolean()
  granted!: boolean;
}

import { ApiProperty } from '@nestjs/swagger';

export class TwoFactorSetupResponse {
  @ApiProperty({
    description: 'Base32 TOTP secret, for typing into an authenticator app by hand',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret!: string;
  @ApiProperty({ description: 'otpauth://totp/… URI (issuer Quire, the account email)' })
  otpauthUri!: string;
  @ApiProperty({
    description: 'The URI as a QR code: a PNG data URL for an <img src>',
    example: 'data:image/png;base64,…',
  })
  qrCodeDataUrl!: string;
}

export class RecoveryCodesResponse {
  @ApiProperty({
    type: [String],
    example: ['ab3d-ef7h-jk', 'mn4p-qr5s-tv'],
    description: 'Shown once, never again: each works once, in place of an authenticator code',
  })
  recoveryCodes!: string[];
}

export class TwoFactorStatusResponse {
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enabledAt!: string | null;
  @ApiProperty({ description: 'Unused recovery codes; 0 when 2FA is off', example: 10 })
  recoveryCodesRemaining!: number;
}

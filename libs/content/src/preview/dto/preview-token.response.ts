import { ApiProperty } from '@nestjs/swagger';

export class PreviewTokenResponse {
  @ApiProperty({
    example: 'qpv_3q2-7wE…',
    description: 'Send as the `Quire-Preview` header to the delivery API. Shown once; only its hash is stored.',
  })
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class PreviewUrlResponse extends PreviewTokenResponse {
  @ApiProperty({
    example: 'https://site.example/preview/en/hello-world?token=qpv_3q2-7wE…',
    description: "The type's `options.previewUrl` filled in for the entry, with a new token scoped to it",
  })
  url!: string;

  @ApiProperty({ example: 'en' })
  locale!: string;
}

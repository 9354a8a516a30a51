import { ApiProperty } from '@nestjs/swagger';
import { verificationRecordName, verificationRecordValue } from '../domain-name';
import type { SsoDomain } from '../../entities/sso-domain.entity';

/** The DNS record that proves control of the domain. */
export class SsoDomainRecordResponse {
  @ApiProperty({ enum: ['TXT'] }) type!: 'TXT';
  @ApiProperty({ example: '_quire-verification.example.com' }) name!: string;
  @ApiProperty({ example: 'quire-verification=3q2-7wB…' }) value!: string;
}

export class SsoDomainResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'example.com' }) domain!: string;
  @ApiProperty() verified!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) verifiedAt!: string | null;
  @ApiProperty({ type: SsoDomainRecordResponse, description: 'Publish this record, then call verify' })
  record!: SsoDomainRecordResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toSsoDomainResponse(row: SsoDomain): SsoDomainResponse {
  return {
    id: row.id,
    domain: row.domain,
    verified: row.verifiedAt !== null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    record: {
      type: 'TXT',
      name: verificationRecordName(row.domain),
      value: verificationRecordValue(row.verificationToken),
    },
    createdAt: row.createdAt.toISOString(),
  };
}

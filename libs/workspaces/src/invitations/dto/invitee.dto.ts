import { ApiProperty } from '@nestjs/swagger';
import { IsDisplayName } from '@quire/identity';
import { IsString, MaxLength } from 'class-validator';

/** What the invitee sees behind the mailed link, before answering. */
export class InvitationPreviewResponse {
  @ApiProperty({ example: 'Acme' }) workspaceName!: string;
  @ApiProperty({ example: 'acme' }) workspaceSlug!: string;
  @ApiProperty({ example: 'Ada Lovelace', description: 'Display name of the member who invited' })
  inviterName!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ example: 'editor' }) role!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The team the invitee joins, if any' })
  teamName!: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({
    description:
      'Whether the invited address has an account: sign in and accept, or else sign up through the invitation',
  })
  accountExists!: boolean;
}

/** The membership an accepted invitation gave. */
export class InvitationAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty({ example: 'acme' }) workspaceSlug!: string;
  @ApiProperty({ example: 'editor' }) role!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId!: string | null;
}

/** Sign-up through an invitation: the email is the invited one (the token proves the mailbox). */
export class InvitationSignUpDto {
  /** Length and strength are identity's password policy (every problem listed with path `password`). */
  @ApiProperty({ minLength: 12, maxLength: 128, description: 'Checked by the installation password policy' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Grace Hopper' })
  @IsDisplayName()
  displayName!: string;
}

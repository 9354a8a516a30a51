import { Module } from '@nestjs/common';
import { WorkspaceMembers } from './workspace-members';

/** Members of the request's workspace as the workflow, assignments and mentions need them. */
@Module({ providers: [WorkspaceMembers], exports: [WorkspaceMembers] })
export class MembersModule {}

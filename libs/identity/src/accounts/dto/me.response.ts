import { IntersectionType } from '@nestjs/swagger';
import { ActiveWorkspaceResponse } from '../../active-workspace/dto/active-workspace.response';
import { UserResponse } from './user.response';

/** `GET /me`: the account, and the workspace and team this session works in. */
export class MeResponse extends IntersectionType(UserResponse, ActiveWorkspaceResponse) {}

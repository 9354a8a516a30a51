import { QuireError } from '@quire/core';

export type ActiveWorkspaceErrorCode = 'identity.team-not-found';

/** An unknown team, another workspace's team, or a team the user is not in: the same 404. */
export class ActiveTeamNotFoundError extends QuireError {
  constructor(teamId: string) {
    super({
      code: 'identity.team-not-found' satisfies ActiveWorkspaceErrorCode,
      status: 404,
      title: 'Team not found',
      detail: `No team ${teamId} of this workspace that you are in.`,
      extensions: { team: teamId },
    });
  }
}

/** The chain of installation-level events (no workspace): sign-ups, platform administration, consent, requests. */
export const INSTALLATION_CHAIN = 'installation';

/** The chain a record belongs to: its workspace's, or the installation's. */
export function chainKeyOf(workspaceId: string | null | undefined): string {
  return workspaceId ?? INSTALLATION_CHAIN;
}

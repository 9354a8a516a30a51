import type { MediaFolder } from './media-assets';

export interface FolderChoice {
  id: string;
  /** "Team / Summer 2026": the names from the root. */
  label: string;
}

/** Every folder with its full path, sorted by it: for choosing where to move assets. */
export function folderChoices(folders: readonly MediaFolder[]): FolderChoice[] {
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const pathOf = (folder: MediaFolder): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let at: MediaFolder | undefined = folder; at && !seen.has(at.id); at = byId.get(at.parentId ?? '')) {
      seen.add(at.id);
      names.unshift(at.name);
    }
    return names;
  };
  return folders
    .map((folder) => ({ id: folder.id, label: pathOf(folder).join(' / ') }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

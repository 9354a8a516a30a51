import { definePermissions } from '@quire/core';

export const ASSET_SUBJECT = 'Asset';
export const MEDIA_FOLDER_SUBJECT = 'MediaFolder';

/**
 * Owners and admins manage the library; editors upload, change and delete every asset and organise folders;
 * authors upload and change or delete the assets they uploaded (and read everything); reviewers and viewers read.
 * The auditor reads no media. Reading an asset includes downloading its file and minting signed URLs to it.
 */
export const mediaPermissions = definePermissions({
  subjects: [ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT],
  actions: ['read', 'create', 'update', 'delete'],
  grants: {
    owner: [{ action: 'manage', subject: [ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT] }],
    admin: [{ action: 'manage', subject: [ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT] }],
    editor: [{ action: ['read', 'create', 'update', 'delete'], subject: [ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT] }],
    author: [
      { action: 'read', subject: [ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT] },
      { action: 'create', subject: ASSET_SUBJECT },
      { action: ['update', 'delete'], subject: ASSET_SUBJECT, conditions: { uploadedBy: '{{actor.id}}' } },
    ],
    reviewer: [{ action: 'read', subject: [ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT] }],
    viewer: [{ action: 'read', subject: [ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT] }],
  },
  // Checked per asset with ability.can(action, subject('Asset', { uploadedBy, folderId, visibility, kind })) and
  // as SQL in the list; custom roles may narrow by these (e.g. a role that only reads public images).
  subjectFields: {
    [ASSET_SUBJECT]: { conditions: ['uploadedBy', 'folderId', 'visibility', 'kind'] },
  },
});

/** Condition fields of `Asset` → columns of media_assets, for the list's SQL. */
export const assetPermissionFields = {
  uploadedBy: 'uploaded_by',
  folderId: 'folder_id',
  visibility: 'visibility',
  kind: 'kind',
};

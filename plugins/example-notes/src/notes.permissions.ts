import { definePermissions } from '@quire/core';

export const notesPermissions = definePermissions({
  subjects: ['Note'],
  actions: ['create', 'read', 'update', 'delete'],
  grants: {
    editor: [{ action: ['create', 'read', 'update', 'delete'], subject: 'Note' }],
    author: [
      { action: ['create', 'read'], subject: 'Note' },
      { action: ['update', 'delete'], subject: 'Note', conditions: { createdById: '{{actor.id}}' } },
    ],
    viewer: [{ action: 'read', subject: 'Note', conditions: { status: 'published' } }],
  },
});

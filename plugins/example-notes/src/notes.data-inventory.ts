import type { DataInventoryEntry } from '@quire/core';

export const notesDataInventory: DataInventoryEntry[] = [
  {
    table: 'example_notes',
    subjectColumn: 'created_by_id',
    fields: [
      { column: 'created_by_id', category: 'identity', description: 'Author of the note' },
      { column: 'body', category: 'content', description: 'Free text that may mention people' },
    ],
    purpose: 'Keep the notes members write in a workspace',
    legalBasis: 'contract',
    retention: 'Until the note or its workspace is deleted',
    onErasure: 'anonymize',
  },
];

import { definePlugin } from '@quire/core';
import { Note } from './entities/note.entity';
import { ExampleNotesInit1763800100000 } from './migrations/1763800100000-example-notes-init';
import { notesDataInventory } from './notes.data-inventory';
import { NotesModule } from './notes.module';
import { notesPermissions } from './notes.permissions';

/** A small plugin written exactly as a customer would write one: tenant-owned notes with a list endpoint. */
export const ExampleNotesPlugin = definePlugin({
  name: 'example-notes',
  version: '1.0.0',
  description: 'Example plugin: notes per workspace (shows the plugin contract end to end)',
  requires: { core: '^0.1.0' },
  module: NotesModule,
  entities: [Note],
  migrations: [ExampleNotesInit1763800100000],
  permissions: notesPermissions,
  dataInventory: notesDataInventory,
  admin: { nav: [{ id: 'example-notes', label: 'Notes', icon: 'note', route: 'notes', requires: ['read', 'Note'] }] },
});

export { ExampleNotesPlugin } from './notes.plugin';
export { Note } from './entities/note.entity';
export type { NoteResponse, NoteListResponse } from './dto/note.response';

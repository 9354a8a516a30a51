import { ApiProperty } from '@nestjs/swagger';
import type { Note, NoteStatus } from '../entities/note.entity';

export class NoteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: NoteStatus;
  @ApiProperty() priority!: number;
  @ApiProperty() createdById!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class NotePageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class NoteListResponse {
  @ApiProperty({ type: [NoteResponse] }) data!: Partial<NoteResponse>[];
  @ApiProperty({ type: NotePageMeta }) meta!: NotePageMeta;
}

export function toNoteResponse(note: Note): NoteResponse {
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    status: note.status,
    priority: note.priority,
    createdById: note.createdById,
    createdAt: new Date(note.createdAt).toISOString(),
    updatedAt: new Date(note.updatedAt).toISOString(),
  };
}

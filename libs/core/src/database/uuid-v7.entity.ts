import { BeforeInsert, PrimaryColumn } from 'typeorm';
import { uuidv7 } from './uuid-v7';

/** Base of entities with a UUIDv7 primary key, assigned on insert unless the code set one. */
export abstract class UuidV7Entity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= uuidv7();
  }
}

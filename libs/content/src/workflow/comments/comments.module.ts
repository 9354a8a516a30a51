import { Module } from '@nestjs/common';
import { IdentityModule } from '@quire/identity';
import { EntriesModule } from '../../entries/entries.module';
import { MembersModule } from '../members/members.module';
import { CommentMailer } from './comment-mailer';
import { CommentService } from './comment.service';
import { CommentsController } from './comments.controller';

/** Comments on entries; mentions mail through identity's mail queue (IdentityModule). */
@Module({
  imports: [EntriesModule, MembersModule, IdentityModule],
  controllers: [CommentsController],
  providers: [CommentService, CommentMailer],
})
export class CommentsModule {}

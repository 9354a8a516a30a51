import { Module } from '@nestjs/common';
import { ContentSharedModule } from '../shared/content-shared.module';
import { DraftWriter } from './draft-writer';
import { EntriesController } from './entries.controller';
import { EntryAccess } from './entry-access';
import { EntryList } from './entry-list';
import { EntryLocalesController } from './entry-locales.controller';
import { EntryReader } from './entry-reader';
import { EntryRevisionsController } from './entry-revisions.controller';
import { EntryStore } from './entry-store';
import { EntryTranslationService } from './entry-translation.service';
import { EntryService } from './entry.service';
import { LocaleChain } from './locale-chain';
import { RevisionRecorder } from './revision-recorder';
import { RevisionService } from './revision.service';
import { WorkflowCoreModule } from '../workflow/workflow-core.module';

/** Entries: drafts per locale, publishing per locale, revisions, translations, references. */
@Module({
  // WorkflowCoreModule: every publish passes the editorial workflow's gate and records its evidence.
  imports: [ContentSharedModule, WorkflowCoreModule],
  controllers: [EntriesController, EntryLocalesController, EntryRevisionsController],
  providers: [
    EntryStore,
    EntryAccess,
    EntryReader,
    EntryList,
    DraftWriter,
    RevisionRecorder,
    LocaleChain,
    EntryService,
    EntryTranslationService,
    RevisionService,
  ],
  // Types (revisions after schema migrations), trash, import/export, delivery and the demo seed use these.
  exports: [RevisionRecorder, LocaleChain, EntryService, DraftWriter, EntryStore, EntryAccess],
})
export class EntriesModule {}

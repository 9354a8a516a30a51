import { Injectable } from '@nestjs/common';
import type { JobRunResult, ScheduledJob } from '@quire/core';
import { ResumableUploads } from './resumable-uploads.service';

export const RESUMABLE_UPLOAD_CLEANUP_JOB = 'media.resumable-upload-cleanup';

/** Removes partial uploads never completed within their expiry (their bytes and metadata files). */
@Injectable()
export class ResumableUploadCleanupJob implements ScheduledJob {
  constructor(private readonly uploads: ResumableUploads) {}

  async run(): Promise<JobRunResult> {
    return { affectedRows: 0, details: { removedUploads: await this.uploads.removeExpired() } };
  }
}

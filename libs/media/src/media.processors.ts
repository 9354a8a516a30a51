import type { OutsideProcessor, ProcessorContext } from '@quire/core';

/** The object storage holding the uploaded files, when it is S3 (local storage stays on the installation's disk). */
export function mediaProcessors({ config }: ProcessorContext): OutsideProcessor[] {
  if (config.MEDIA_STORAGE !== 's3') return [];
  return [
    {
      name: 'S3-compatible object storage',
      location: config.MEDIA_S3_ENDPOINT
        ? `${new URL(config.MEDIA_S3_ENDPOINT).host} (bucket ${config.MEDIA_S3_BUCKET})`
        : `AWS S3, region ${config.MEDIA_S3_REGION} (bucket ${config.MEDIA_S3_BUCKET})`,
      purpose: 'Store the files workspaces upload to their media library',
      categories: ['content'],
    },
  ];
}

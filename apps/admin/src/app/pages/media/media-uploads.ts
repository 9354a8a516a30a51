import { HttpClient, HttpContext, HttpEventType } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { fillPath, type ResponseOf } from '../../api/api-client';
import { toProblemDetails, type ProblemDetails } from '../../api/problem-details';
import { SILENT_ERRORS } from '../../api/problem.interceptor';

export type UploadedAsset = ResponseOf<'/api/v1/workspaces/{workspace}/media', 'post'>;

/** One file on its way: progress 0–100 while uploading, then the asset or the API's refusal. */
export interface UploadItem {
  key: number;
  fileName: string;
  size: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  asset?: UploadedAsset;
  problem?: ProblemDetails;
}

/**
 * Uploads files to the library one request each (multipart, streamed by the API) and keeps a row per file with
 * its progress, so the page shows a bar per file and, for a refused one, the API's problem (too large, a type the
 * workspace does not allow). Provided by the media routes, with the XHR HttpClient (media-http.ts).
 */
@Injectable()
export class MediaUploads {
  private readonly http = inject(HttpClient);
  private nextKey = 1;
  private readonly state = signal<readonly UploadItem[]>([]);
  readonly items = this.state.asReadonly();

  /** Starts every file; `uploaded` runs after each one the API stored (to refresh the list). */
  upload(workspace: string, files: readonly File[], folderId: string | null, uploaded: () => void): void {
    for (const file of files) this.start(workspace, file, folderId, uploaded);
  }

  /** Forgets finished rows (the ones still uploading stay). */
  clearFinished(): void {
    this.state.update((items) => items.filter((item) => item.state === 'uploading'));
  }

  private start(workspace: string, file: File, folderId: string | null, uploaded: () => void): void {
    const key = this.nextKey++;
    this.state.update((items) => [
      ...items,
      { key, fileName: file.name, size: file.size, progress: 0, state: 'uploading' },
    ]);
    // Text parts first: the API reads the multipart stream in order.
    const body = new FormData();
    if (folderId) body.append('folderId', folderId);
    body.append('file', file, file.name);
    this.http
      .post<UploadedAsset>(fillPath('/api/v1/workspaces/{workspace}/media', { workspace }), body, {
        reportProgress: true,
        observe: 'events',
        // The row shows the refusal; a toast per file would repeat it.
        context: new HttpContext().set(SILENT_ERRORS, true),
      })
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            const progress = event.total ? Math.round((100 * event.loaded) / event.total) : 0;
            this.patch(key, { progress: Math.min(progress, 99) });
          } else if (event.type === HttpEventType.Response && event.body) {
            this.patch(key, { progress: 100, state: 'done', asset: event.body });
            uploaded();
          }
        },
        error: (error: unknown) => this.patch(key, { state: 'failed', problem: toProblemDetails(error) }),
      });
  }

  private patch(key: number, change: Partial<UploadItem>): void {
    this.state.update((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }
}

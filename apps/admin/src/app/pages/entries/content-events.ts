import { DestroyRef, inject, Injectable } from '@angular/core';
import { Observable, share } from 'rxjs';
import { fillPath } from '../../api/api-client';

/** One message of the workspace's content stream (docs/content/realtime.md). */
export interface ContentEvent {
  id: string;
  name: string;
  occurredAt: string;
  actor: { type: string; id: string | null };
  payload: { entryId?: string; contentType?: string; locale?: string | null; holderId?: string };
}

/** The events the entry screens follow; the stream sends only the named events. */
const FOLLOWED = [
  'content.entry.created',
  'content.entry.updated',
  'content.entry.published',
  'content.entry.unpublished',
  'content.entry.translated',
  'content.entry.deleted',
  'content.entry.restored',
  'content.entry.revision-restored',
  'content.entry.stage-changed',
  'content.entry.approved',
  'content.entry.assignment-changed',
  'content.entry.labeled',
  'content.entry.unlabeled',
  'content.entry.locked',
  'content.entry.lock-overridden',
  'content.entry.unlocked',
  'content.comment.created',
  'content.comment.deleted',
];

/**
 * `GET /workspaces/{w}/events` as an Observable: one EventSource per workspace however many screens listen, closed
 * when the last one stops. The session cookie goes along (same origin), so no token is in script. EventSource
 * reconnects by itself; the stream has no replay, so a screen that cares reloads on `reconnected`.
 */
@Injectable({ providedIn: 'root' })
export class ContentEvents {
  private readonly streams = new Map<string, Observable<ContentEvent | 'reconnected'>>();

  of(workspace: string): Observable<ContentEvent | 'reconnected'> {
    let stream = this.streams.get(workspace);
    if (!stream) {
      stream = new Observable<ContentEvent | 'reconnected'>((subscriber) => {
        const source = new EventSource(fillPath('/api/v1/workspaces/{workspace}/events', { workspace }), {
          withCredentials: true,
        });
        let opened = false;
        source.onopen = () => {
          if (opened) subscriber.next('reconnected');
          opened = true;
        };
        const forward = (message: MessageEvent<string>) => {
          try {
            subscriber.next(JSON.parse(message.data) as ContentEvent);
          } catch {
            // A malformed message is skipped: the next one still counts.
          }
        };
        for (const name of FOLLOWED) source.addEventListener(name, forward);
        return () => source.close();
      }).pipe(share());
      this.streams.set(workspace, stream);
    }
    return stream;
  }
}

/** Follows the stream for the life of the calling component. */
export function followContentEvents(workspace: string, handle: (event: ContentEvent | 'reconnected') => void): void {
  const subscription = inject(ContentEvents).of(workspace).subscribe(handle);
  inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
}

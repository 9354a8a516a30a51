import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { map } from 'rxjs';

/** Shown for any path the console has no screen for, including plugin screens that have not shipped yet. */
@Component({
  selector: 'quire-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page">
      <h1 i18n="@@notFound.heading">Not found</h1>
      <p class="page-intro" i18n="@@notFound.text">
        There is no screen at <code>{{ path() }}</code> in this version of the console, or it belongs to a workspace you
        are not in.
      </p>
      <p><a routerLink="/" i18n="@@notFound.home">Go to your workspaces</a></p>
    </div>
  `,
})
export class NotFoundPage {
  // An observable, not a snapshot: the router reuses this page when going from one unknown path to another.
  protected readonly path = toSignal(inject(ActivatedRoute).url.pipe(map((segments) => `/${segments.join('/')}`)), {
    requireSync: true,
  });
}

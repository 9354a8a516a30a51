import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

/** Shown for any path the console has no screen for, including plugin screens that have not shipped yet. */
@Component({
  selector: 'quire-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page">
      <h1>Not found</h1>
      <p class="page-intro">
        There is no screen at <code>{{ path }}</code> in this version of the console.
      </p>
      <p><a routerLink="/">Go to the Overview</a></p>
    </div>
  `,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url;
}

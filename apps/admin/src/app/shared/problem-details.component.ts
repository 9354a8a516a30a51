import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ProblemDetails } from '../api/problem-details';

/** Shows an API failure (RFC 9457 problem details), including the request id support needs to find it in the logs. */
@Component({
  selector: 'quire-problem-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert', class: 'problem' },
  template: `
    <p class="title">{{ problem().title }}</p>
    @if (problem().detail; as detail) {
      <p class="detail">{{ detail }}</p>
    }
    @if (problem().status || problem().requestId) {
      <dl>
        @if (problem().status; as status) {
          <div>
            <dt>Status</dt>
            <dd>{{ status }}</dd>
          </div>
        }
        @if (problem().requestId; as requestId) {
          <div>
            <dt>Request ID</dt>
            <dd>
              <code>{{ requestId }}</code>
            </dd>
          </div>
        }
      </dl>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
      padding: 16px;
      border-radius: 12px;
      border-left: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .detail {
      margin: 8px 0 0;
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 8px 0 0;
    }
    dl div {
      display: flex;
      gap: 8px;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class ProblemDetailsComponent {
  readonly problem = input.required<ProblemDetails>();
}

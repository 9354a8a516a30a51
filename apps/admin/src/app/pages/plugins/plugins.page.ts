import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { ProblemDetailsComponent } from '../../shared/problem-details.component';
import { PluginsStore } from '../../state/plugins.store';
import { toPluginRow } from './plugin-row';

/** Lists the plugins the API has loaded, and what each one adds to the installation. */
@Component({
  selector: 'quire-plugins-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatTableModule, ProblemDetailsComponent],
  templateUrl: './plugins.page.html',
  styleUrl: './plugins.page.scss',
})
export class PluginsPage {
  protected readonly store = inject(PluginsStore);
  protected readonly columns = ['name', 'version', 'description', 'requires', 'contributes'];
  protected readonly skeletonRows = [1, 2, 3];

  protected readonly rows = computed(() => {
    const state = this.store.plugins();
    return state.status === 'ready' ? state.value.map(toPluginRow) : null;
  });

  protected readonly problem = computed(() => {
    const state = this.store.plugins();
    return state.status === 'error' ? state.problem : null;
  });
}

import * as vscode from 'vscode';

import type { ContentModel } from '../../core/content/model';
import { errorMessage } from '../../core/errors';
import { withComponent, type Logger } from '../../core/log';
import type { SearchResponse, SearchService } from '../../core/search/searchService';
import type { Store } from '../../core/store/database';
import { filterChoices, type FilterMode } from './filterChoices';
import { openSearchResult } from './openResult';
import {
  historyItem,
  infoItem,
  resultItem,
  separator,
  type FilterButton,
  type PickItem,
  type SearchFilters,
} from './pickItems';
import { describeFilters } from './searchText';

export interface SearchPickerDeps {
  readonly logger: Logger;
  /** The search service, or undefined while search is not available. */
  readonly service: () => SearchService | undefined;
  /** Reason that `service()` returns undefined, shown in the list. */
  readonly unavailableReason: () => string;
  readonly store: () => Store | undefined;
  readonly model: () => ContentModel;
}

export interface SearchPickerConfig {
  readonly title: string;
  readonly placeholder: string;
  /** Limits results to code examples and offers a language filter instead of a type filter. */
  readonly codeOnly: boolean;
}

/** Wait after the last keystroke before searching, in milliseconds. */
const DEBOUNCE_MS = 150;
/** A search shown this long without a new keystroke is saved to the history, in milliseconds. */
const HISTORY_PAUSE_MS = 2000;
const RESULT_LIMIT = 30;
const HISTORY_LIMIT = 10;

const DOMAIN_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('filter'), tooltip: 'Filter by domain…' };
const TYPE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-filter'), tooltip: 'Filter by type…' };
const LANGUAGE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('symbol-namespace'), tooltip: 'Filter by language…' };
const CLEAR_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clear-all'), tooltip: 'Clear filters' };

type Mode = 'results' | FilterMode;

/** Opens a search quick pick; it disposes itself when hidden. */
export function showSearchPicker(deps: SearchPickerDeps, config: SearchPickerConfig): void {
  new SearchPicker(deps, config).show();
}

/**
 * A quick pick with live results: each keystroke restarts a 150 ms debounce,
 * aborts the search in flight and shows `busy` while the next one runs. An
 * empty box lists recent searches. Title buttons switch the list to filter
 * choices; row buttons narrow to a row's domain, type or language.
 */
class SearchPicker {
  private readonly logger: Logger;
  private readonly pick = vscode.window.createQuickPick<PickItem>();
  private readonly baseFilters: SearchFilters;
  private filters: SearchFilters;
  private mode: Mode = 'results';
  private value = '';
  private queryBeforeFilter = '';
  private keywordOnly = false;
  private searchTimer: NodeJS.Timeout | undefined;
  private historyTimer: NodeJS.Timeout | undefined;
  private controller: AbortController | undefined;
  private lastResults: { query: string; count: number } | undefined;
  private savedSearch: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly deps: SearchPickerDeps,
    private readonly config: SearchPickerConfig,
  ) {
    this.logger = withComponent(deps.logger, 'search-picker');
    this.baseFilters = config.codeOnly ? { type: 'code' } : {};
    this.filters = this.baseFilters;

    this.pick.matchOnDescription = false;
    this.pick.matchOnDetail = false;
    this.subscriptions.push(
      this.pick.onDidChangeValue((value) => this.onValue(value)),
      this.pick.onDidAccept(() => void this.onAccept()),
      this.pick.onDidTriggerButton((button) => this.onTitleButton(button)),
      this.pick.onDidTriggerItemButton((event) => this.onItemButton(event.button as FilterButton)),
      this.pick.onDidHide(() => this.dispose()),
    );
  }

  show(): void {
    this.updateChrome();
    this.showHistory();
    this.pick.show();
  }

  private onValue(value: string): void {
    if (this.mode !== 'results' || value === this.value) {
      return;
    }
    this.value = value;
    this.stopPending();

    if (value.trim() === '') {
      this.showHistory();
      return;
    }
    this.searchTimer = setTimeout(() => void this.runSearch(value), DEBOUNCE_MS);
  }

  private stopPending(): void {
    clearTimeout(this.searchTimer);
    clearTimeout(this.historyTimer);
    this.controller?.abort();
    this.controller = undefined;
    this.pick.busy = false;
  }

  private async runSearch(query: string): Promise<void> {
    const service = this.deps.service();
    if (service === undefined) {
      this.pick.items = [infoItem('$(info) Search is not available', this.deps.unavailableReason())];
      return;
    }

    const controller = new AbortController();
    this.controller = controller;
    this.pick.busy = true;

    let response: SearchResponse;
    try {
      response = await service.search(query, { ...this.filters, limit: RESULT_LIMIT, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      this.logger.error(`search for "${query}" failed: ${errorMessage(error)}`, error);
      this.pick.busy = false;
      this.pick.items = [infoItem(`$(error) Search for "${query}" failed`, `${errorMessage(error)} See the Luno-AI log.`)];
      return;
    }
    if (controller.signal.aborted || this.controller !== controller) {
      return;
    }

    this.pick.busy = false;
    this.render(query, response);
    this.historyTimer = setTimeout(() => this.saveSearch(), HISTORY_PAUSE_MS);
  }

  private render(query: string, response: SearchResponse): void {
    this.lastResults = { query, count: response.results.length };
    this.keywordOnly = response.mode === 'keyword';
    this.updateChrome();

    const items: PickItem[] = [];
    if (response.results.length === 0) {
      items.push(infoItem(`$(info) No results for "${query.trim()}"`, response.note));
      this.pick.items = items;
      return;
    }
    if (response.note !== undefined) {
      const heading = response.mode === 'keyword' ? '$(warning) Semantic search unavailable: showing keyword results' : '$(info) Note';
      items.push(infoItem(heading, response.note));
    }

    const titles = this.ownerTitles();
    for (const result of response.results) {
      const owner = result.type === 'research' ? result.session : result.unit;
      items.push(
        resultItem(result, {
          typeButtons: !this.config.codeOnly,
          languageButtons: this.config.codeOnly,
          ownerTitle: owner === undefined ? undefined : titles.get(owner),
        }),
      );
    }
    this.pick.items = items;

    // The note row is informational: Enter opens the top result.
    const firstResult = items.find((item) => item.entry.kind === 'result');
    if (firstResult !== undefined) {
      this.pick.activeItems = [firstResult];
    }
  }

  /** Maps `<domain>/<technology>` and research session ids to their titles. */
  private ownerTitles(): Map<string, string> {
    const model = this.deps.model();
    const titles = new Map<string, string>();
    for (const domain of model.domains) {
      for (const technology of domain.technologies) {
        titles.set(`${domain.id}/${technology.id}`, technology.title);
      }
    }
    for (const session of model.research) {
      titles.set(session.id, session.title);
    }
    return titles;
  }

  private showHistory(): void {
    this.lastResults = undefined;
    this.keywordOnly = false;
    this.updateChrome();

    const store = this.deps.store();
    if (store === undefined) {
      this.pick.items = [infoItem('$(info) Type a question or keywords to search')];
      return;
    }

    let entries;
    try {
      entries = store.searchHistory.recent(HISTORY_LIMIT);
    } catch (error) {
      this.logger.error(`reading the search history failed: ${errorMessage(error)}`, error);
      this.pick.items = [infoItem('$(info) Type a question or keywords to search', `Recent searches could not be read: ${errorMessage(error)}`)];
      return;
    }
    if (entries.length === 0) {
      this.pick.items = [infoItem('$(info) No recent searches', 'Type a question in your own words or a few keywords.')];
      return;
    }
    const now = new Date();
    this.pick.items = [separator('Recent searches'), ...entries.map((entry) => historyItem(entry, now))];
  }

  /** Saves the shown search to the history once per query. */
  private saveSearch(): void {
    const lastResults = this.lastResults;
    const store = this.deps.store();
    if (lastResults === undefined || store === undefined || this.savedSearch === lastResults.query) {
      return;
    }
    this.savedSearch = lastResults.query;
    try {
      store.searchHistory.add(lastResults.query, lastResults.count);
    } catch (error) {
      this.logger.error(`saving search "${lastResults.query}" to the history failed: ${errorMessage(error)}`, error);
    }
  }

  private async onAccept(): Promise<void> {
    const item = this.pick.activeItems[0];
    if (item === undefined) {
      return;
    }
    const entry = item.entry;

    switch (entry.kind) {
      case 'result': {
        this.saveSearch();
        this.pick.hide();
        const deps = this.deps;
        await openSearchResult(entry.result, { logger: deps.logger, store: deps.store(), model: deps.model() });
        return;
      }
      case 'history':
        this.pick.value = entry.query;
        this.onValue(entry.query);
        return;
      case 'filter':
        this.filters = { ...this.baseFilters, ...entry.filters, ...(this.config.codeOnly ? { type: 'code' as const } : {}) };
        this.leaveFilterMode();
        return;
      case 'info':
        return;
    }
  }

  private onTitleButton(button: vscode.QuickInputButton): void {
    if (button === vscode.QuickInputButtons.Back) {
      this.leaveFilterMode();
    } else if (button === DOMAIN_BUTTON) {
      this.enterFilterMode('domain');
    } else if (button === TYPE_BUTTON) {
      this.enterFilterMode('type');
    } else if (button === LANGUAGE_BUTTON) {
      this.enterFilterMode('language');
    } else if (button === CLEAR_BUTTON) {
      this.filters = this.baseFilters;
      this.refreshResults();
    }
  }

  private onItemButton(button: FilterButton): void {
    this.filters = { ...this.filters, ...button.filters };
    this.refreshResults();
  }

  private enterFilterMode(mode: FilterMode): void {
    this.stopPending();
    this.queryBeforeFilter = this.pick.value;
    this.mode = mode;
    this.pick.value = '';
    this.updateChrome();
    this.pick.items = filterChoices(mode, this.deps.model(), this.filters);
  }

  private leaveFilterMode(): void {
    this.mode = 'results';
    // Setting the value sends it to the workbench, which would drop keys typed meanwhile.
    if (this.pick.value !== this.queryBeforeFilter) {
      this.pick.value = this.queryBeforeFilter;
    }
    this.value = this.queryBeforeFilter;
    this.refreshResults();
  }

  /** Runs the current query again at once, for example after a filter changed. */
  private refreshResults(): void {
    this.stopPending();
    this.updateChrome();
    if (this.value.trim() === '') {
      this.showHistory();
      return;
    }
    void this.runSearch(this.value);
  }

  private updateChrome(): void {
    if (this.mode !== 'results') {
      this.pick.title = `${this.config.title}: choose a ${this.mode} filter`;
      this.pick.placeholder = `Pick a ${this.mode}, or go back to the results`;
      this.pick.buttons = [vscode.QuickInputButtons.Back];
      return;
    }

    const active = describeFilters(this.config.codeOnly ? { ...this.filters, type: undefined } : this.filters);
    const keyword = this.keywordOnly ? ' (keyword results)' : '';
    this.pick.title = active === '' ? `${this.config.title}${keyword}` : `${this.config.title} — ${active}${keyword}`;
    this.pick.placeholder = active === '' ? this.config.placeholder : `${this.config.placeholder} (filtered: ${active})`;

    const buttons = [DOMAIN_BUTTON, this.config.codeOnly ? LANGUAGE_BUTTON : TYPE_BUTTON];
    if (active !== '') {
      buttons.push(CLEAR_BUTTON);
    }
    this.pick.buttons = buttons;
  }

  private dispose(): void {
    this.stopPending();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.pick.dispose();
  }
}

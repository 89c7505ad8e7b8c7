import * as vscode from 'vscode';

import type { SearchResult } from '../../core/search/searchService';
import type { SearchType } from '../../core/search/types';
import type { SearchHistoryEntry } from '../../core/store/database';
import { relativeTime, type SearchFilters } from './searchText';

export type { SearchFilters } from './searchText';

/** Action taken when an item is picked. */
export type PickEntry =
  | { readonly kind: 'result'; readonly result: SearchResult }
  | { readonly kind: 'history'; readonly query: string }
  | { readonly kind: 'filter'; readonly filters: SearchFilters }
  | { readonly kind: 'info' };

export interface PickItem extends vscode.QuickPickItem {
  readonly entry: PickEntry;
}

/** A button on a result row that narrows the search to that row's domain, type or language. */
export interface FilterButton extends vscode.QuickInputButton {
  readonly filters: SearchFilters;
}

export const TYPE_LABELS: Readonly<Record<SearchType, string>> = {
  integration: 'Integration PRDs',
  research: 'Research notes',
  code: 'Code examples',
};

const TYPE_ICONS: Readonly<Record<SearchType, string>> = {
  integration: 'book',
  research: 'beaker',
  code: 'code',
};

/** Builds the row of one result: title and section as the label, domain as the description, snippet as the detail. */
export function resultItem(
  result: SearchResult,
  options: { typeButtons: boolean; languageButtons: boolean; ownerTitle: string | undefined },
): PickItem {
  const buttons: FilterButton[] = [];
  if (result.domain !== undefined) {
    buttons.push({ iconPath: new vscode.ThemeIcon('filter'), tooltip: `Only results from ${result.domain}`, filters: { domain: result.domain } });
  }
  if (options.typeButtons) {
    buttons.push({ iconPath: new vscode.ThemeIcon(TYPE_ICONS[result.type]), tooltip: `Only ${TYPE_LABELS[result.type].toLowerCase()}`, filters: { type: result.type } });
  }
  if (options.languageButtons && result.language !== undefined) {
    buttons.push({ iconPath: new vscode.ThemeIcon('symbol-namespace'), tooltip: `Only ${result.language} examples`, filters: { language: result.language } });
  }

  return {
    label: `$(${TYPE_ICONS[result.type]}) ${labelOf(result, options.ownerTitle)}`,
    description: descriptionOf(result),
    // Newlines would show as return symbols in the one-line detail.
    detail: result.snippet.replace(/\s+/g, ' ').trim(),
    // NOTE: VS Code still moves rows whose label contains the typed text as a
    // whole to the top (turning that off, `sortByLabel`, is proposed API in 1.100).
    alwaysShow: true,
    buttons,
    entry: { kind: 'result', result },
  };
}

/** Returns "<section heading> (<language>) — <PRD or session title>". */
function labelOf(result: SearchResult, ownerTitle: string | undefined): string {
  const owner = ownerTitle ?? (result.type === 'research' ? result.session : result.technology);
  const language = result.type === 'code' && result.language !== undefined ? ` (${result.language})` : '';
  return owner === undefined ? `${result.title}${language}` : `${result.title}${language} — ${owner}`;
}

function descriptionOf(result: SearchResult): string {
  if (result.type === 'research') {
    return result.domain === undefined ? 'research' : `research · ${result.domain}`;
  }
  return result.domain ?? '';
}

/** Builds the row of a recent search: query, result count and how long ago. */
export function historyItem(entry: SearchHistoryEntry, now: Date): PickItem {
  const count = `${entry.resultsCount} ${entry.resultsCount === 1 ? 'result' : 'results'}`;
  return {
    label: `$(history) ${entry.query}`,
    description: `${count} · ${relativeTime(entry.searchedAt, now)}`,
    entry: { kind: 'history', query: entry.query },
  };
}

/** Builds a row that explains the list, such as no results, no history or a failure. Picking it does nothing. */
export function infoItem(label: string, detail?: string): PickItem {
  return { label, ...(detail === undefined ? {} : { detail }), alwaysShow: true, entry: { kind: 'info' } };
}

/** Builds a non-selectable line above the results. */
export function separator(label: string): PickItem {
  return { label, kind: vscode.QuickPickItemKind.Separator, entry: { kind: 'info' } };
}

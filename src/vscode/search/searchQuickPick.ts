import * as vscode from 'vscode';

import { Commands } from '../constants';
import { guardCommand } from '../errors';
import type { ExtensionLog } from '../log';
import { showSearchPicker, type SearchPickerDeps } from './searchPicker';

/** Registers "Luno: Search": PRD sections, research notes and code examples, filterable by domain and type. */
export function registerSearchQuickPick(log: ExtensionLog, deps: SearchPickerDeps): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.search,
    guardCommand(log, 'Luno-AI search failed', () =>
      showSearchPicker(deps, {
        title: 'Luno: Search',
        placeholder: 'Ask a question in your own words, or type keywords',
        codeOnly: false,
      }),
    ),
  );
}

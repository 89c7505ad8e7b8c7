import * as vscode from 'vscode';

import { Commands } from '../constants';
import { guardCommand } from '../errors';
import type { ExtensionLog } from '../log';
import { showSearchPicker, type SearchPickerDeps } from './searchPicker';

/** Registers "Luno: Search Code Examples": code blocks only, filterable by domain and language; opens at the fence. */
export function registerCodeSearchQuickPick(log: ExtensionLog, deps: SearchPickerDeps): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.searchCodeExamples,
    guardCommand(log, 'Luno-AI code search failed', () =>
      showSearchPicker(deps, {
        title: 'Luno: Search Code Examples',
        placeholder: 'Describe the code you need, for example "stream tokens from a chat model"',
        codeOnly: true,
      }),
    ),
  );
}

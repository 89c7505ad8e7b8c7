import * as vscode from 'vscode';

import { LunoError, errorMessage } from '../core/errors';
import type { ExtensionLog } from './log';

const SHOW_LOG = 'Show Log';

export interface ReportErrorOptions {
  /** Extra buttons shown before "Show Log"; the chosen one is returned. */
  readonly actions?: readonly string[];
  /** Shows a warning instead of an error. */
  readonly warning?: boolean;
}

/**
 * Logs an error with its stack and shows a short message with a "Show Log" button.
 * `failure` names what failed, for example "Could not save progress for CrewAI".
 * Core errors (LunoError) carry a message written for the user, so it is shown as is;
 * any other error is shown by its message only. Stack traces go to the log only.
 * Resolves to the extra action the user chose, or undefined.
 */
export async function reportError(
  log: ExtensionLog,
  failure: string,
  error: unknown,
  options: ReportErrorOptions = {},
): Promise<string | undefined> {
  log.logger.error(failure, error);

  const detail = error instanceof LunoError ? error.message : `${errorMessage(error)}. See the log for details.`;
  const text = `${failure}: ${detail}`;
  const buttons = [...(options.actions ?? []), SHOW_LOG];
  const show = options.warning ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;

  const choice = await show(text, ...buttons);
  if (choice === SHOW_LOG) {
    log.channel.show(true);
    return undefined;
  }
  return choice;
}

/**
 * Wraps a command handler so a thrown error is logged and shown instead of
 * surfacing as VS Code's generic "command failed" toast.
 */
export function guardCommand<Args extends unknown[]>(
  log: ExtensionLog,
  failure: string,
  handler: (...args: Args) => unknown,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      await handler(...args);
    } catch (error) {
      await reportError(log, failure, error);
    }
  };
}

import { inspect } from 'node:util';
import * as vscode from 'vscode';

import type { Logger } from '../core/log';
import { Commands, LOG_CHANNEL_NAME } from './constants';
import type { LunoServices } from './services';

/** The extension's one log channel and the core Logger that writes to it. */
export interface ExtensionLog extends vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  readonly logger: Logger;
}

/** Creates the "Luno-AI" log output channel; the user picks the level in the Output view. */
export function createExtensionLog(): ExtensionLog {
  const channel = vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });

  const logger: Logger = {
    trace: (message, ...details) => channel.trace(withDetails(message, details)),
    debug: (message, ...details) => channel.debug(withDetails(message, details)),
    info: (message, ...details) => channel.info(withDetails(message, details)),
    warn: (message, ...details) => channel.warn(withDetails(message, details)),
    error: (message, ...details) => {
      const text = typeof message === 'string' ? message : describeError(message);
      channel.error(withDetails(text, details));
    },
  };

  return { channel, logger, dispose: () => channel.dispose() };
}

/** Registers "Luno: Show Log". */
export function registerShowLog(context: vscode.ExtensionContext, services: LunoServices): void {
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => services.log.channel.show()));
}

/** Appends details to a log line: errors with their stack and causes, other values inspected. */
function withDetails(message: string, details: readonly unknown[]): string {
  if (details.length === 0) {
    return message;
  }

  const parts = details.map((detail) => (detail instanceof Error ? describeError(detail) : formatValue(detail)));
  return [message, ...parts].join(' ');
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return inspect(value, { depth: 4, breakLength: Infinity });
}

/** Formats an error as its stack (or name and message), then each `cause` on its own line. */
export function describeError(error: Error): string {
  const lines = [error.stack ?? `${error.name}: ${error.message}`];

  let cause: unknown = error.cause;
  while (cause !== undefined) {
    if (cause instanceof Error) {
      lines.push(`Caused by: ${cause.stack ?? cause.message}`);
      cause = cause.cause;
    } else {
      lines.push(`Caused by: ${formatValue(cause)}`);
      cause = undefined;
    }
  }

  return lines.join('\n');
}

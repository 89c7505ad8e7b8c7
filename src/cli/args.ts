/**
 * Shared pieces of the `luno` command line: the command interface, the I/O
 * handle every command writes through, and small argument helpers.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/log';

/** Environment and output streams of one command run. */
export interface CliIo {
  /** Writes text to standard output as given (add the newline yourself). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error as given (add the newline yourself). */
  readonly stderr: (text: string) => void;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One subcommand. `run` returns the process exit code. */
export interface CliCommand {
  /** Usage text printed by `luno <name> --help`, ending with a newline. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Exit code for a wrong command line (unknown command or option). */
export const EXIT_USAGE = 2;

/** Thrown by `parseCommandArgs` when the arguments do not match the options. */
export class UsageError extends Error {}

/**
 * Parses `args` with node:util parseArgs (strict, positionals allowed) and
 * adds a `--help` flag. Throws UsageError on an unknown or malformed option.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(errorMessage(error), { cause: error });
  }
}

/** Resolves an optional path argument against the working directory. */
export function resolvePath(io: CliIo, value: string | undefined): string {
  return path.resolve(io.cwd, value ?? '.');
}

/**
 * Runs a command body and turns a UsageError into the usage text and exit
 * code 2, so commands only need to throw.
 */
export async function runWithUsage(
  command: CliCommand,
  io: CliIo,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
    io.stderr(`error: ${error.message}\n\n${command.usage}`);
    return EXIT_USAGE;
  }
}

/**
 * Returns a Logger that writes to standard error: every level when `verbose`
 * is true, else warnings and errors, or only errors when `quietLevel` is
 * 'error' (for commands that print the warned-about problems themselves).
 */
export function createStderrLogger(io: CliIo, verbose: boolean, quietLevel: 'warn' | 'error' = 'warn'): Logger {
  const showWarnings = verbose || quietLevel === 'warn';

  const write = (level: string, message: string | Error, details: unknown[]): void => {
    const text = typeof message === 'string' ? message : message.message;
    const extra = details.map((detail) => ` ${errorMessage(detail)}`).join('');
    io.stderr(`${level}: ${text}${extra}\n`);
  };

  return {
    trace: (message, ...details) => (verbose ? write('trace', message, details) : undefined),
    debug: (message, ...details) => (verbose ? write('debug', message, details) : undefined),
    info: (message, ...details) => (verbose ? write('info', message, details) : undefined),
    warn: (message, ...details) => (showWarnings ? write('warning', message, details) : undefined),
    error: (message, ...details) => write('error', message, details),
  };
}

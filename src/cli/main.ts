/**
 * Entry point of the `luno` command line. Subcommands live in
 * src/cli/commands/ and are listed in COMMANDS; each is loaded only when it
 * runs, so a command that needs SQLite or Chroma does not slow the others.
 */
import { errorMessage } from '../core/errors';
import { EXIT_USAGE, type CliCommand, type CliIo } from './args';

interface CommandEntry {
  /** One line shown by `luno --help`. */
  readonly summary: string;
  readonly load: () => Promise<CliCommand>;
}

/** Subcommands by name. Add a row here to add a command. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  scan: {
    summary: 'List the domains, technologies, layers, research sessions and labs of a content folder',
    load: async () => (await import('./commands/scan')).command,
  },
  check: {
    summary: 'Report problems in a content folder (exit 1 when any is an error)',
    load: async () => (await import('./commands/check')).command,
  },
  index: {
    summary: 'Build or update the search index of a content folder (Chroma and keywords)',
    load: async () => (await import('./commands/index')).command,
  },
  search: {
    summary: 'Search PRD sections, research notes and code examples by meaning and keywords',
    load: async () => (await import('./commands/search')).command,
  },
  progress: {
    summary: 'Print learning progress per domain and the recent completions from luno.db',
    load: async () => (await import('./commands/progress')).command,
  },
  backup: {
    summary: 'Back up luno.db to backups/luno_YYYY-MM-DD.db beside it (--list to list backups)',
    load: async () => (await import('./commands/backup')).command,
  },
  restore: {
    summary: 'Replace the data in luno.db with a backup file, after backing up the current data',
    load: async () => (await import('./commands/backup')).restoreCommand,
  },
};

/** Returns the text of `luno --help`. */
export function helpText(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((name) => name.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`);

  return [
    'Usage: luno <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `luno <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

/** Runs the command line `args` (without node and the script) and returns the exit code. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;

  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? EXIT_USAGE : 0;
  }

  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    io.stderr(`error: unknown command "${name}"\n\n${helpText()}`);
    return EXIT_USAGE;
  }

  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }

  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr(`error: luno ${name} failed: ${errorMessage(error)}\n`);
    return 1;
  }
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

// Runs only when this file is the program, not when a test imports it.
const isProgram =
  typeof require !== 'undefined' ? require.main === module : process.argv[1]?.endsWith('main.ts');

if (isProgram) {
  // A reader that closes the pipe early (`luno scan --json | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
  });

  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${errorMessage(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** `luno backup` and `luno restore`: copies of luno.db in the backups folder beside it. */
import { backupDatabase, listBackups, restoreDatabase, validateBackup } from '../../core/store/backup';
import { latestMigrationVersion } from '../../core/store/migrate';
import { backupDirectory } from '../../core/store/paths';
import { createStderrLogger, parseCommandArgs, resolvePath, runWithUsage, UsageError, type CliCommand } from '../args';
import { cliMigrationsDir, DATABASE_OPTION_HELP, DATABASE_OPTIONS, databasePath, openCliStore } from '../openDatabase';

const BACKUP_USAGE = `Usage: luno backup [--db FILE] [--list]

Writes a copy of luno.db to backups/luno_YYYY-MM-DD.db beside it and prints its path.
A second backup on the same day is named luno_YYYY-MM-DD-2.db, and so on.

${DATABASE_OPTION_HELP}
  --list         list the existing backups, newest first, instead of writing one
`;

const RESTORE_USAGE = `Usage: luno restore FILE [--db FILE]

Replaces the data in luno.db with the backup FILE. FILE is checked first (an invalid
file changes nothing), and the current data is backed up before it is replaced.
Close VS Code windows that use the database before restoring.

${DATABASE_OPTION_HELP}
`;

export const command: CliCommand = {
  usage: BACKUP_USAGE,
  run: (args, io) =>
    runWithUsage(command, io, async () => {
      const { values, positionals } = parseCommandArgs(args, { ...DATABASE_OPTIONS, list: { type: 'boolean' } });
      if (positionals.length > 0) {
        throw new UsageError(`unexpected argument ${positionals[0]}`);
      }

      const file = databasePath(io, values.db);

      if (values.list === true) {
        const backups = listBackups(backupDirectory(file));
        if (backups.length === 0) {
          io.stdout(`No backups in ${backupDirectory(file)}\n`);
        }
        for (const backup of backups) {
          io.stdout(`${backup.file}  ${backup.sizeBytes} bytes  modified ${backup.modifiedAt}\n`);
        }
        return 0;
      }

      const verbose = values.verbose === true;
      const store = openCliStore(io, file, { verbose, mustExist: true });

      try {
        const target = await backupDatabase(store, { logger: createStderrLogger(io, verbose) });
        io.stdout(`${target}\n`);
        return 0;
      } finally {
        store.dispose();
      }
    }),
};

export const restoreCommand: CliCommand = {
  usage: RESTORE_USAGE,
  run: (args, io) =>
    runWithUsage(restoreCommand, io, async () => {
      const { values, positionals } = parseCommandArgs(args, DATABASE_OPTIONS);
      if (positionals.length !== 1) {
        throw new UsageError(`expected one backup FILE, got ${positionals.length}`);
      }

      const verbose = values.verbose === true;
      const backup = resolvePath(io, positionals[0]);

      // Checked before opening, so an invalid file does not leave a new empty luno.db behind.
      validateBackup(backup, latestMigrationVersion(cliMigrationsDir()));
      const store = openCliStore(io, databasePath(io, values.db), { verbose, mustExist: false });

      try {
        const result = await restoreDatabase(store, backup, { logger: createStderrLogger(io, verbose) });
        io.stdout(
          `Restored ${store.file} from ${result.restoredFrom} (schema version ${result.schemaVersion}).\n` +
            `The data it replaced is in ${result.safetyBackup}.\n`,
        );
        return 0;
      } finally {
        store.dispose();
      }
    }),
};

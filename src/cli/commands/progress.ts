/** `luno progress [--db FILE] [--root DIR] [--json]`: learning progress per domain and recent activity. */
import { contentRootAt, scanContent } from '../../core/content';
import type { ActivityEntry, ProgressSummary, TechnologyRef } from '../../core/store/progress';
import { parseCommandArgs, resolvePath, runWithUsage, UsageError, createStderrLogger, type CliCommand, type CliIo } from '../args';
import { DATABASE_OPTION_HELP, DATABASE_OPTIONS, databasePath, openCliStore } from '../openDatabase';

const USAGE = `Usage: luno progress [--db FILE] [--root DIR] [--limit N] [--json]

Prints the completed learning layers per domain and the most recent completions.
Each technology counts five layers (L0-L4).

${DATABASE_OPTION_HELP}
  --root DIR     content folder whose technologies are counted, including those not
                 started; without it only technologies with stored progress count
  --limit N      number of recent completions to print; default 10
  --json         print the summary and recent activity as JSON
`;

export const command: CliCommand = {
  usage: USAGE,
  run: (args, io) =>
    runWithUsage(command, io, async () => {
      const { values, positionals } = parseCommandArgs(args, {
        ...DATABASE_OPTIONS,
        root: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (positionals.length > 0) {
        throw new UsageError(`unexpected argument ${positionals[0]}`);
      }

      const limit = parseLimit(values.limit);
      const verbose = values.verbose === true;
      const file = databasePath(io, values.db);
      const root = values.root === undefined ? undefined : resolvePath(io, values.root);

      const technologies = root === undefined ? undefined : await technologiesOf(io, root, verbose);
      const store = openCliStore(io, file, { verbose, mustExist: true });

      try {
        const counted = technologies ?? store.progress.trackedTechnologies();
        const summary = store.progress.summary(counted);
        const recent = store.progress.recentActivity(limit);

        if (values.json === true) {
          io.stdout(`${JSON.stringify({ database: file, root: root ?? null, summary, recentActivity: recent }, null, 2)}\n`);
        } else {
          io.stdout(formatProgress(file, root, summary, recent));
        }
        return 0;
      } finally {
        store.dispose();
      }
    }),
};

function parseLimit(value: string | undefined): number {
  if (value === undefined) {
    return 10;
  }

  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new UsageError(`invalid --limit ${value}: expected a positive integer`);
  }
  return limit;
}

async function technologiesOf(io: CliIo, root: string, verbose: boolean): Promise<TechnologyRef[]> {
  const model = await scanContent([contentRootAt(root)], { logger: createStderrLogger(io, verbose) });

  return model.domains.flatMap((domain) =>
    domain.technologies.map((technology) => ({ domain: domain.id, technology: technology.id })),
  );
}

function formatProgress(file: string, root: string | undefined, summary: ProgressSummary, recent: ActivityEntry[]): string {
  const scope = root === undefined ? 'technologies with stored progress' : `technologies in ${root}`;
  const lines = [`Progress in ${file} (${scope})`, ''];

  if (summary.domains.length === 0) {
    lines.push('  No technologies to count.');
  }

  const width = Math.max(7, ...summary.domains.map((domain) => domain.domain.length));
  for (const domain of summary.domains) {
    lines.push(
      `  ${domain.domain.padEnd(width)}  ${domain.completedLayers}/${domain.totalLayers} layers  ` +
        `${domain.percentage}%  (${domain.completedTechnologies}/${domain.technologies} technologies done)`,
    );
  }

  const overall = summary.overall;
  lines.push(
    `  ${'overall'.padEnd(width)}  ${overall.completedLayers}/${overall.totalLayers} layers  ${overall.percentage}%  ` +
      `(${overall.technologies} technologies)`,
    '',
    'Recent activity',
  );

  if (recent.length === 0) {
    lines.push('  No completed layers yet.');
  }
  for (const entry of recent) {
    lines.push(`  ${entry.completedAt}  ${entry.domain}/${entry.technology}  L${entry.layer}`);
  }

  lines.push('');
  return lines.join('\n');
}

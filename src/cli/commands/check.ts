/** `luno check [ROOT]`: a content lint that prints `path:line: severity: message`. */
import path from 'node:path';
import { checkContent, contentRootAt, scanContent, type ContentProblem, type ContentRoot } from '../../core/content';
import { createStderrLogger, parseCommandArgs, resolvePath, runWithUsage, UsageError, type CliCommand, type CliIo } from '../args';

const USAGE = `Usage: luno check [ROOT] [--verbose]

Reports problems in a Luno-AI content folder, one per line as
\`path:line: severity: message\` (lines count from 1): PRDs without a learning
path or with fewer than five layers, duplicated layers, headings with colliding
anchors, missing H1 headings, unreadable files and notebooks.
Exits with 1 when any problem is an error, else 0.

  ROOT           content folder (contains integrations/ or research/); default: current directory
  -v, --verbose  log progress to standard error
`;

export const command: CliCommand = {
  usage: USAGE,
  run: (args, io) =>
    runWithUsage(command, io, async () => {
      const { values, positionals } = parseCommandArgs(args, { verbose: { type: 'boolean', short: 'v' } });
      if (positionals.length > 1) {
        throw new UsageError(`expected at most one ROOT, got ${positionals.length}: ${positionals.join(' ')}`);
      }

      const root = contentRootAt(resolvePath(io, positionals[0]));
      const model = await scanContent([root], { logger: createStderrLogger(io, values.verbose === true, 'error') });
      const problems = checkContent(model);

      for (const problem of problems) {
        io.stdout(`${formatProblem(problem, root, io)}\n`);
      }

      const errors = problems.filter((problem) => problem.severity === 'error').length;
      io.stderr(`${errors} errors, ${problems.length - errors} warnings\n`);
      return errors > 0 ? 1 : 0;
    }),
};

/** `path:line: severity: message`, the path relative to the working directory and the line counted from 1. */
export function formatProblem(problem: ContentProblem, root: ContentRoot, io: CliIo): string {
  const absolute = path.join(root.path, ...problem.relativePath.split('/'));
  const shown = path.relative(io.cwd, absolute) || '.';
  const line = problem.line === undefined ? '' : `:${problem.line + 1}`;
  return `${shown}${line}: ${problem.severity}: ${problem.message}`;
}

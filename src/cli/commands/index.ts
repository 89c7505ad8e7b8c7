/** `luno index [ROOT]`: builds or updates the search index of a content folder. */
import { contentRootAt, scanContent } from '../../core/content';
import { createStderrLogger, parseCommandArgs, resolvePath, runWithUsage, UsageError, type CliCommand } from '../args';
import { openSearch, SEARCH_SETUP_HELP, SEARCH_SETUP_OPTIONS } from './searchSetup';

const USAGE = `Usage: luno index [ROOT] [options]

Builds or updates the search index of a Luno-AI content folder: keyword
index in luno.db and vectors in Chroma. Unchanged sections are not embedded
again. Progress goes to standard error, a summary to standard output.

  ROOT                   content folder (contains integrations/ or research/); default: current directory
  --rebuild              drop the index of the chosen embeddings and build it from scratch
${SEARCH_SETUP_HELP}`;

export const command: CliCommand = {
  usage: USAGE,
  run: (args, io) =>
    runWithUsage(command, io, async () => {
      const { values, positionals } = parseCommandArgs(args, { ...SEARCH_SETUP_OPTIONS, rebuild: { type: 'boolean' } });
      if (positionals.length > 1) {
        throw new UsageError(`expected at most one ROOT, got ${positionals.length}: ${positionals.join(' ')}`);
      }

      const logger = createStderrLogger(io, values.verbose === true);
      const root = contentRootAt(resolvePath(io, positionals[0]));
      const model = await scanContent([root], { logger });
      const setup = await openSearch(values, io, logger, model.roots);

      const controller = new AbortController();
      const onSignal = (): void => controller.abort(new Error('interrupted'));
      process.once('SIGINT', onSignal);

      try {
        const started = Date.now();
        const run = values.rebuild === true ? setup.service.rebuild(model, controller.signal) : setup.service.index(model, controller.signal);
        let summary;
        for (;;) {
          const next = await run.next();
          if (next.done) {
            summary = next.value;
            break;
          }
          if (next.value.phase !== 'done') {
            io.stderr(`indexing: ${next.value.phase} ${next.value.done}/${next.value.total}\n`);
          }
        }
        io.stdout(
          `Indexed ${summary.documents} documents of ${root.path} with ${setup.service.modelId} in ${Date.now() - started} ms: ` +
            `${summary.embedded} embedded, ${summary.saved} keyword rows written, ${summary.removed} removed.\n`,
        );
        return 0;
      } finally {
        process.removeListener('SIGINT', onSignal);
        await setup.dispose();
      }
    }),
};

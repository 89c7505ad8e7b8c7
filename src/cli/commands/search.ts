/** `luno search QUERY`: searches the indexed content. */
import { contentRootAt } from '../../core/content';
import type { SearchOptions, SearchResponse } from '../../core/search/searchService';
import type { SearchType } from '../../core/search/types';
import { createStderrLogger, parseCommandArgs, resolvePath, runWithUsage, UsageError, type CliCommand } from '../args';
import { openSearch, SEARCH_SETUP_HELP, SEARCH_SETUP_OPTIONS } from './searchSetup';

const USAGE = `Usage: luno search QUERY... [options]

Searches the index that \`luno index\` built: PRD sections, research notes and
code examples, ranked by keywords and meaning.

  QUERY                  words to search for (several words are joined)
  --domain D             only this domain, for example agents
  --type T               only integration, research or code results
  --language L           only code examples in this language, for example python
  --limit N              number of results; default 10
  --json                 print { mode, note, results } as JSON; each result has id, type,
                         domain, technology or session, section, title, path, line (0-based), score
  --root DIR             content folder the paths are relative to; default: current directory
${SEARCH_SETUP_HELP}`;

const TYPES: readonly SearchType[] = ['integration', 'research', 'code'];

function parseLimit(value: string | undefined): number {
  if (value === undefined) {
    return 10;
  }
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new UsageError(`invalid --limit value "${value}": expected a whole number from 1 to 200`);
  }
  return limit;
}

function formatText(response: SearchResponse): string {
  return response.results
    .map((result, index) => {
      const where = result.type === 'research' ? result.session : `${result.domain}/${result.technology}`;
      return `${index + 1}. [${result.type}] ${where} › ${result.title}  (${result.score})\n   ${result.path}:${result.line + 1}\n   ${result.snippet}\n`;
    })
    .join('');
}

export const command: CliCommand = {
  usage: USAGE,
  run: (args, io) =>
    runWithUsage(command, io, async () => {
      const { values, positionals } = parseCommandArgs(args, {
        ...SEARCH_SETUP_OPTIONS,
        domain: { type: 'string' },
        type: { type: 'string' },
        language: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        root: { type: 'string' },
      });
      const query = positionals.join(' ').trim();
      if (query === '') {
        throw new UsageError('missing QUERY');
      }
      if (values.type !== undefined && !TYPES.includes(values.type as SearchType)) {
        throw new UsageError(`invalid --type value "${values.type}": expected integration, research or code`);
      }
      const options: SearchOptions = {
        limit: parseLimit(values.limit),
        ...(values.domain === undefined ? {} : { domain: values.domain }),
        ...(values.type === undefined ? {} : { type: values.type as SearchType }),
        ...(values.language === undefined ? {} : { language: values.language.toLowerCase() }),
      };

      const logger = createStderrLogger(io, values.verbose === true);
      const root = contentRootAt(resolvePath(io, values.root));
      const setup = await openSearch(values, io, logger, [root]);
      try {
        const response = await setup.service.search(query, options);
        if (values.json === true) {
          io.stdout(`${JSON.stringify(response, null, 2)}\n`);
        } else {
          if (response.note !== undefined) {
            io.stderr(`note: ${response.note}\n`);
          }
          io.stdout(formatText(response));
        }
        return 0;
      } finally {
        await setup.dispose();
      }
    }),
};

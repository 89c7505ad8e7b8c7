/** `luno scan [ROOT] [--json]`: what a content folder contains. */
import { contentRootAt, scanContent, type ContentModel, type Technology } from '../../core/content';
import { createStderrLogger, parseCommandArgs, resolvePath, runWithUsage, UsageError, type CliCommand } from '../args';

const USAGE = `Usage: luno scan [ROOT] [--json] [--verbose]

Lists the domains, technologies with their learning layers, research sessions
and labs of a Luno-AI content folder.

  ROOT           content folder (contains integrations/ or research/); default: current directory
  --json         print the whole content model as JSON: layers with titles, anchors and
                 0-based lines, sections, code blocks, research sessions, labs, problems
  -v, --verbose  log progress to standard error

Exits with 1 when the folder could not be scanned at all (for example, it does
not exist), else 0. Run \`luno check\` for the problems of single files.
`;

export const command: CliCommand = {
  usage: USAGE,
  run: (args, io) =>
    runWithUsage(command, io, async () => {
      const { values, positionals } = parseCommandArgs(args, {
        json: { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
      });
      if (positionals.length > 1) {
        throw new UsageError(`expected at most one ROOT, got ${positionals.length}: ${positionals.join(' ')}`);
      }

      const root = contentRootAt(resolvePath(io, positionals[0]));
      const model = await scanContent([root], { logger: createStderrLogger(io, values.verbose === true, 'error') });

      io.stdout(values.json === true ? `${JSON.stringify(toJson(model), null, 2)}\n` : summary(model));
      return model.problems.some((problem) => problem.severity === 'error') && model.domains.length === 0 && model.research.length === 0
        ? 1
        : 0;
    }),
};

/** Builds the JSON form of the model, each technology's document flattened into its sections and code blocks. */
function toJson(model: ContentModel) {
  return {
    roots: model.roots,
    domains: model.domains.map((domain) => ({
      id: domain.id,
      rootId: domain.rootId,
      name: domain.name,
      technologies: domain.technologies.map(technologyJson),
    })),
    research: model.research.map((session) => ({
      ...session,
      files: session.files.map((file) => ({
        name: file.name,
        relativePath: file.relativePath,
        title: file.document.title,
        sections: file.document.sections,
        codeBlocks: file.document.codeBlocks,
      })),
    })),
    labs: model.labs,
    problems: model.problems,
  };
}

function technologyJson(technology: Technology) {
  const { document } = technology;
  return {
    id: technology.id,
    domainId: technology.domainId,
    title: technology.title,
    relativePath: technology.relativePath,
    difficulty: technology.difficulty,
    setupTime: technology.setupTime,
    tagline: technology.tagline,
    header: document.header,
    frontMatter: document.frontMatter,
    lineCount: document.lineCount,
    layers: technology.layers,
    sections: document.sections,
    codeBlocks: document.codeBlocks,
  };
}

function summary(model: ContentModel): string {
  const lines: string[] = [];

  for (const root of model.roots) {
    lines.push(`Content root ${root.path}`);
  }

  for (const domain of model.domains) {
    lines.push('', `${domain.name} (integrations/${domain.id}): ${domain.technologies.length} technologies`);
    for (const technology of domain.technologies) {
      const details = [technology.difficulty, technology.setupTime].filter((value) => value !== undefined).join(', ');
      lines.push(`  ${technology.title}${details === '' ? '' : ` [${details}]`}  ${technology.relativePath}`);
      for (const layer of technology.layers) {
        const time = layer.time === undefined ? '' : ` (${layer.time})`;
        const where = layer.generic ? 'generic' : `line ${layer.line + 1}`;
        lines.push(`    L${layer.number}: ${layer.title}${time}  ${where}`);
      }
    }
  }

  lines.push('', `Research sessions: ${model.research.length}`);
  for (const session of model.research) {
    const details = [session.status, `${session.files.length} files`].filter((value) => value !== undefined).join(', ');
    lines.push(`  ${session.date ?? '          '}  ${session.title} [${details}]  ${session.relativePath}`);
  }

  lines.push('', `Labs: ${model.labs.length}`);
  for (const lab of model.labs) {
    lines.push(`  ${lab.title}  ${lab.relativePath}${lab.error === undefined ? '' : '  (cannot be read)'}`);
  }

  if (model.problems.length > 0) {
    lines.push('', 'Problems found while scanning:');
    for (const problem of model.problems) {
      lines.push(`  ${problem.relativePath}: ${problem.severity}: ${problem.message}`);
    }
  }

  const technologies = model.domains.reduce((sum, domain) => sum + domain.technologies.length, 0);
  const errors = model.problems.filter((problem) => problem.severity === 'error').length;
  lines.push(
    '',
    `${model.domains.length} domains, ${technologies} technologies, ${model.research.length} research sessions, ` +
      `${model.labs.length} labs; ${errors} errors and ${model.problems.length - errors} warnings from the scan (run \`luno check\` for all problems)`,
    '',
  );
  return lines.join('\n');
}

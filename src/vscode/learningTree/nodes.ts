import { domainKey, layerKey, technologyKey as technologyId } from '../../core/content/ids';
import type { ContentModel, ContentRoot, Domain, Layer, Technology } from '../../core/content/model';

/**
 * The Learning view's elements. Built once per content model; the same objects are
 * passed back to VS Code when one of them changes, so it redraws only that row.
 * Ids are unique per content root, so a multi-root workspace keeps them apart.
 */
export type LearningNode = RootNode | DomainNode | TechnologyNode | LayerNode;

/** A content root, shown as a top-level row only when more than one root has domains. */
export interface RootNode {
  readonly kind: 'root';
  readonly id: string;
  readonly root: ContentRoot;
  readonly children: readonly DomainNode[];
}

export interface DomainNode {
  readonly kind: 'domain';
  readonly id: string;
  readonly domain: Domain;
  readonly parent: RootNode | undefined;
  readonly children: readonly TechnologyNode[];
}

export interface TechnologyNode {
  readonly kind: 'technology';
  readonly id: string;
  readonly technology: Technology;
  readonly parent: DomainNode;
  readonly children: readonly LayerNode[];
}

export interface LayerNode {
  readonly kind: 'layer';
  readonly id: string;
  readonly layer: Layer;
  readonly parent: TechnologyNode;
}

/** The nodes of one content model and a lookup from (domain, technology) to its rows. */
export interface LearningNodes {
  readonly top: readonly (RootNode | DomainNode)[];
  /** Every technology row for a domain and technology id; more than one in a multi-root workspace. */
  technologies(domain: string, technology: string): readonly TechnologyNode[];
  /** Every technology row, in tree order. */
  allTechnologies(): readonly TechnologyNode[];
}

/** Builds the nodes for a content model; roots without domains are left out. */
export function buildLearningNodes(model: ContentModel): LearningNodes {
  const rootsWithDomains = model.roots.filter((root) => model.domains.some((domain) => domain.rootId === root.id));
  const showRoots = rootsWithDomains.length > 1;

  const byTechnology = new Map<string, TechnologyNode[]>();
  const ordered: TechnologyNode[] = [];
  const top: (RootNode | DomainNode)[] = [];

  for (const root of rootsWithDomains) {
    const domains = model.domains.filter((domain) => domain.rootId === root.id);
    const domainNodes: DomainNode[] = [];
    const rootNode: RootNode = { kind: 'root', id: encodeURIComponent(root.id), root, children: domainNodes };

    for (const domain of domains) {
      domainNodes.push(buildDomainNode(domain, showRoots ? rootNode : undefined));
    }

    for (const domainNode of domainNodes) {
      for (const technologyNode of domainNode.children) {
        const mapKey = technologyKey(technologyNode.technology.domainId, technologyNode.technology.id);
        const rows = byTechnology.get(mapKey) ?? [];
        rows.push(technologyNode);
        byTechnology.set(mapKey, rows);
        ordered.push(technologyNode);
      }
    }

    if (showRoots) {
      top.push(rootNode);
    } else {
      top.push(...domainNodes);
    }
  }

  return {
    top,
    technologies: (domain, technology) => byTechnology.get(technologyKey(domain, technology)) ?? [],
    allTechnologies: () => ordered,
  };
}

function buildDomainNode(domain: Domain, parent: RootNode | undefined): DomainNode {
  const children: TechnologyNode[] = [];
  const node: DomainNode = { kind: 'domain', id: domainKey(domain.rootId, domain.id), domain, parent, children };

  for (const technology of domain.technologies) {
    children.push(buildTechnologyNode(technology, node));
  }
  return node;
}

function buildTechnologyNode(technology: Technology, parent: DomainNode): TechnologyNode {
  const children: LayerNode[] = [];
  const id = technologyId(technology.rootId, technology.domainId, technology.id);
  const node: TechnologyNode = { kind: 'technology', id, technology, parent, children };

  for (const layer of technology.layers) {
    const layerId = layerKey(technology.rootId, technology.domainId, technology.id, layer.number);
    children.push({ kind: 'layer', id: layerId, layer, parent: node });
  }
  return node;
}

function technologyKey(domain: string, technology: string): string {
  return `${domain}\u0000${technology}`;
}

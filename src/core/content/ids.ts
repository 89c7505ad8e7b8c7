/**
 * The one place that builds content ids which cross module boundaries (tree
 * items, bookmarks, progress rows, webviews). Every part is URI-encoded, so
 * a `/` or `#` inside a name never splits an id in the wrong place, and plain
 * names (`agents`, `crewai`) stay readable. Keys follow the content paths
 * (`integrations/`, `research/`, `labs/`), so keys of different kinds never
 * collide.
 */

function part(value: string): string {
  return encodeURIComponent(value);
}

/** `<root>/integrations/<domain>`, for example "luno-ai/integrations/agents". */
export function domainKey(rootId: string, domainId: string): string {
  return `${part(rootId)}/integrations/${part(domainId)}`;
}

/** `<domain key>/<technology>`, for example "luno-ai/integrations/agents/crewai". */
export function technologyKey(rootId: string, domainId: string, technologyId: string): string {
  return `${domainKey(rootId, domainId)}/${part(technologyId)}`;
}

/** `<technology key>/L<n>`, for example "luno-ai/integrations/agents/crewai/L1". */
export function layerKey(rootId: string, domainId: string, technologyId: string, layer: number): string {
  return `${technologyKey(rootId, domainId, technologyId)}/L${layer}`;
}

/** `<technology key>#<Section.id>`, for example "luno-ai/integrations/agents/crewai#quick-start-15-min". */
export function sectionKey(rootId: string, domainId: string, technologyId: string, sectionId: string): string {
  return `${technologyKey(rootId, domainId, technologyId)}#${part(sectionId)}`;
}

/** `<root>/research/<session>`, for example "luno-ai/research/2026-01-05_mcp". */
export function researchKey(rootId: string, sessionId: string): string {
  return `${part(rootId)}/research/${part(sessionId)}`;
}

/** `<research key>/<file path in the session>`, for example "luno-ai/research/2026-01-05_mcp/README.md". */
export function researchFileKey(rootId: string, sessionId: string, fileName: string): string {
  return `${researchKey(rootId, sessionId)}/${fileName.split('/').map(part).join('/')}`;
}

/** `<root>/labs/<lab id>`, for example "luno-ai/labs/agents/crewai-intro". */
export function labKey(rootId: string, labId: string): string {
  return `${part(rootId)}/labs/${labId.split('/').map(part).join('/')}`;
}

/** The content model and everything that builds it, for the extension, the CLI and the search index. */
export * from './model';
export { checkContent, checkDocument, checkTechnology } from './check';
export { domainName, parseIntegrationIndex, type IndexEntry, type IntegrationIndex } from './domains';
export type { ReadFile } from './files';
export * from './ids';
export { GENERAL_LAB_DOMAIN, LABS_FOLDER } from './labs';
export { completeLayers, findLearningPath, GENERIC_LAYER_TITLES, readLayerHeading } from './layers';
export { containingSection, parseMarkdown } from './markdown';
export { RESEARCH_FOLDER } from './research';
export { CONTENT_FOLDERS, contentRootAt, findContentRoots, isContentFolder, type WorkspaceFolderInfo } from './roots';
export { scanContent, type ScanOptions } from './scan';
export { INTEGRATION_INDEX_PATH, INTEGRATIONS_FOLDER, parseTechnologyFile } from './technology';

/** The store: luno.db, its migrations, repositories and backups. */
export * from './backup';
export * from './bookmarks';
export * from './database';
export * from './labRuns';
export * from './migrate';
export * from './paths';
export * from './progress';
export * from './researchViews';
export * from './searchHistory';
export * from './settings';
export * from './time';
export { DEFAULT_USER_ID } from './context';
export { InvalidInputError } from './validation';

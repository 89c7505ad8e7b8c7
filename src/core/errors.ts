/**
 * Typed errors that core services throw. Command handlers in src/vscode turn them
 * into a short message with a "Show Log" action. `message` is written for the user:
 * it says what failed and what to do next.
 */
export class LunoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A migration file failed; the database stays at `fromVersion`. */
export class MigrationError extends LunoError {
  constructor(
    message: string,
    readonly fromVersion: number,
    readonly failedVersion: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The database file is locked by another process, corrupt or otherwise unusable. */
export class DatabaseError extends LunoError {}

/** A backup file failed validation and was not restored. */
export class InvalidBackupError extends LunoError {}

/** A content file (markdown or notebook) could not be read or parsed. */
export class ContentError extends LunoError {
  constructor(
    message: string,
    readonly filePath: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The Chroma server could not be reached or returned an error. */
export class VectorStoreError extends LunoError {}

/** An embedding provider failed, for example because of a bad API key. */
export class EmbeddingError extends LunoError {}

/** Returns the message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

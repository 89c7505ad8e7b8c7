/**
 * Logging interface that core services receive. The extension backs it with one
 * LogOutputChannel, the CLI with stderr and the tests with a memory buffer.
 * Every line names the component that wrote it.
 */
export interface Logger {
  trace(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string | Error, ...details: unknown[]): void;
}

/** Returns a logger that prefixes every message with `[component]`. */
export function withComponent(logger: Logger, component: string): Logger {
  const prefix = `[${component}] `;
  return {
    trace: (message, ...details) => logger.trace(prefix + message, ...details),
    debug: (message, ...details) => logger.debug(prefix + message, ...details),
    info: (message, ...details) => logger.info(prefix + message, ...details),
    warn: (message, ...details) => logger.warn(prefix + message, ...details),
    error: (message, ...details) =>
      logger.error(typeof message === 'string' ? prefix + message : message, ...details),
  };
}

/** Logger that drops everything. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Logger that keeps every line in memory, for tests. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];

  trace(message: string): void {
    this.lines.push(`trace ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string | Error): void {
    this.lines.push(`error ${typeof message === 'string' ? message : message.message}`);
  }
}

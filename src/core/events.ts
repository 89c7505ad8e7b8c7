/**
 * A small typed event emitter with the same shape as the editor's, so core services
 * can publish changes without importing vscode.
 */

/** Something that releases a resource or a subscription. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener and returns the subscription. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/**
 * Publishes values to the listeners subscribed through `event`.
 * A listener that throws does not stop the others; the error goes to `onListenerError`.
 */
export class Emitter<T> {
  private listeners: Array<(value: T) => void> = [];
  private disposed = false;

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) {
      return { dispose: () => undefined };
    }

    this.listeners.push(listener);

    return {
      dispose: () => {
        this.listeners = this.listeners.filter((candidate) => candidate !== listener);
      },
    };
  };

  /** Calls every current listener with `value`, in subscription order. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Removes every listener; later subscriptions are ignored. */
  dispose(): void {
    this.listeners = [];
    this.disposed = true;
  }
}

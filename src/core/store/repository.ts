import { Emitter, type Event } from '../events';
import type { StoreContext } from './context';

/** Base of the store's repositories: the shared connection context and a change event. */
export abstract class ObservableRepository<TChange> {
  protected readonly changed: Emitter<TChange>;

  /** Fires after each write; each repository's documentation says what the value is. */
  readonly onDidChange: Event<TChange>;

  constructor(
    protected readonly context: StoreContext,
    onListenerError: (error: unknown) => void,
  ) {
    this.changed = new Emitter(onListenerError);
    this.onDidChange = this.changed.event;
  }

  /** Removes every listener. */
  dispose(): void {
    this.changed.dispose();
  }
}

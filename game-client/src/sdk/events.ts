/** A typed event emitter: `on(type, handler)` returns the function that removes the handler again. */

export type Unsubscribe = () => void;

export class Emitter<Events> {
  private readonly handlers = new Map<keyof Events, Set<(event: never) => void>>();

  on<K extends keyof Events>(type: K, handler: (event: Events[K]) => void): Unsubscribe {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  emit<K extends keyof Events>(type: K, event: Events[K]): void {
    const set = this.handlers.get(type);
    // A copy: a handler may remove itself or add another while the event is delivered.
    if (set) for (const handler of [...set]) (handler as (event: Events[K]) => void)(event);
  }
}

// A tiny typed event emitter that runs anywhere (no node:events), for status bars and progress.

export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const l of this.listeners.get(event) ?? []) {
      // A failing listener (a UI bug) must not stop the engine.
      try {
        (l as (p: Events[K]) => void)(payload);
      } catch {
        /* ignored on purpose: listeners are observers */
      }
    }
  }
}

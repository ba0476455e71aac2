import { useSyncExternalStore } from 'react';

/**
 * A yes/no value held outside React state. Components read it with useFlag, and setting it
 * re-renders only them, not the component that owns it: a key press can say "saving" in the status
 * line without re-rendering the whole annotate page in the frame that paints the new highlight.
 */
export class Flag {
  #value = false;
  #listeners = new Set<() => void>();

  readonly get = (): boolean => this.#value;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  set(value: boolean): void {
    if (value === this.#value) return;
    this.#value = value;
    for (const listener of [...this.#listeners]) listener();
  }
}

export function useFlag(flag: Flag): boolean {
  return useSyncExternalStore(flag.subscribe, flag.get, flag.get);
}

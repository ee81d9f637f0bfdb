// Whether the page runs with JavaScript yet: false on the server and while hydrating (so the first
// render matches the server's HTML), true afterwards, for controls that only work with JavaScript.
import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}

import { useSyncExternalStore } from "react";

/** Whether a CSS media query matches now, following it as it changes (a tablet gains a keyboard). */
export function useMediaQuery(query: string) {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** A fine pointer that can hover is the best sign of a physical keyboard; phones and tablets have neither. */
export const useLikelyKeyboard = () => useMediaQuery("(hover: hover) and (pointer: fine)");

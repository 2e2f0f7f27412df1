/**
 * Register the service worker that lets the installed app start offline (production builds only:
 * in development it would serve stale modules). It caches the app shell only, never API answers.
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      // Kinship works without it; only starting offline is lost.
      console.warn("Kinship could not register its service worker:", error);
    });
  });
}

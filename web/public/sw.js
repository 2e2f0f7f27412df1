// Kinship's service worker: lets the installed app start offline by keeping the app shell
// (index.html, the built assets, the icons) and nothing else. API answers, calendar feeds and every
// other response may hold a member's private data: they go to the network untouched, never cached.

const SHELL_CACHE = "kinship-shell-v1";
const ASSET_CACHE = "kinship-assets-v1";
const SHELL = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/icon-192.png",
  "/icon-512.png",
  "/icon-maskable-512.png",
  "/apple-touch-icon.png",
];
// Never answered from a cache, not even for navigations (the API docs are server pages).
const NEVER = ["/api/", "/feeds/", "/ws", "/docs", "/openapi.json", "/health", "/metrics"];

self.addEventListener("install", (event) => {
  event.waitUntil(refreshShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("kinship-") && name !== SHELL_CACHE && name !== ASSET_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NEVER.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === "navigate") event.respondWith(navigate(event));
  else if (url.pathname.startsWith("/assets/")) event.respondWith(cacheFirst(request, ASSET_CACHE));
  else if (SHELL.includes(url.pathname)) event.respondWith(cacheFirst(request, SHELL_CACHE));
});

/** Network first; offline, the cached index.html lets the router show the page. */
async function navigate(event) {
  try {
    const response = await fetch(event.request);
    // The navigation's own response is never stored: only the explicit shell URLs are.
    event.waitUntil(refreshShell().catch(() => {}));
    return response;
  } catch (error) {
    const cached = await caches.match("/index.html", { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
}

/** Built assets have content-hashed names, so a cached copy is always the right one. */
async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

/** Keep the latest index.html; when a new build is deployed, swap in its assets and icons. */
async function refreshShell() {
  const response = await fetch("/index.html", { cache: "no-cache" });
  if (!response.ok) return;
  const html = await response.clone().text();
  const shell = await caches.open(SHELL_CACHE);
  const cached = await shell.match("/index.html");
  if (cached && (await cached.text()) === html) return;
  // The old build's assets are gone from the server too; lazy chunks are fetched when needed.
  await caches.delete(ASSET_CACHE);
  const assets = [...new Set(html.match(/\/assets\/[\w.-]+/g) ?? [])];
  await (await caches.open(ASSET_CACHE)).addAll(assets);
  await shell.addAll(SHELL.filter((path) => path !== "/index.html"));
  // Last, so an interrupted refresh is retried on the next navigation.
  await shell.put("/index.html", response);
}

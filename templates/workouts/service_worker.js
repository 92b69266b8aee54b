// Liftlog's service worker: the session page and static files stay readable offline.
// Pages: network first, the last copy kept when the network fails. Static files with a
// content hash in their name never change, so they come from the cache first.
"use strict";
const CACHE = "{{ cache_name|escapejs }}";
const STATIC_PREFIX = "{{ static_prefix|escapejs }}";
const LOGOUT_PATH = "{{ logout_path|escapejs }}";
const SESSION_PAGE = /^\/sessions\/[0-9a-f-]{36}\/$/;
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && response.type === "basic") {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === LOGOUT_PATH) {
    // Signing out forgets the kept pages: the next person on this phone must not see them.
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && SESSION_PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
  }
});

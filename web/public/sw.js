// 保供 service worker: the driver's page must open after a reload in a dead spot.
// - App shell (navigations and /assets/*): precached on install from the built index.html, then
//   navigations network-first (fall back to the cached shell), hashed assets cache-first.
// - The driver's API reads (/api/me, the van, its depot, commodities, the van's route): network-first,
//   the last good reply kept as fallback. Everything else, and every other origin, is not touched.
const SHELL = 'baogong-shell-v1';
const API = 'baogong-api-v1';
const API_PATHS = [/^\/api\/me$/, /^\/api\/vehicles\/[^/]+(\/route)?$/, /^\/api\/depots\/[^/]+$/, /^\/api\/commodities$/];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    const response = await fetch('/driver', { cache: 'no-store' });
    const html = await response.clone().text();
    await cache.put('/driver', response);
    const assets = [...new Set(html.match(/\/assets\/[^"'\s>]+/g) ?? [])];
    await Promise.all(assets.map((url) => cache.add(url).catch(() => undefined)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== SHELL && name !== API) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function networkFirst(request, cacheName, fallbackKey) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackKey ?? request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(fallbackKey ?? request);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/driver'));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (API_PATHS.some((re) => re.test(url.pathname))) {
    event.respondWith(networkFirst(request, API, url.pathname));
  }
});

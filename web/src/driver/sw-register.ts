/**
 * Registers web/public/sw.js (served at /sw.js, scope /): it keeps the app shell and the driver's last API
 * replies so the page opens after a reload without network. Only the driver page asks for it.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

/** Forgets the cached API replies (on log-out, so the next user of the phone does not see them). */
export async function clearApiCache(): Promise<void> {
  if ('caches' in window) await caches.delete('baogong-api-v1').catch(() => false);
}

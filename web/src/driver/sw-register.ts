/**
 * Registers web/public/sw.js (served at /sw.js, scope /): it keeps the app shell and the driver's last API
 * replies so the page opens after a reload without network. Only the driver page asks for it.
 */
export function registerServiceWorker(onFirstControl?: () => void): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  // The first visit's API replies went past the worker (it was not there yet): once it takes control,
  // `onFirstControl` reads them again through it so they are kept for an offline reload.
  if (!navigator.serviceWorker.controller && onFirstControl) {
    navigator.serviceWorker.addEventListener('controllerchange', () => onFirstControl(), { once: true });
  }
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

/** Forgets the cached API replies (on log-out, so the next user of the phone does not see them). */
export async function clearApiCache(): Promise<void> {
  if ('caches' in window) await caches.delete('baogong-api-v1').catch(() => false);
}

// Créneau's service worker: only Web Push (src/push/). It shows the alert the leader sent (already in
// the subscriber's language, "to be confirmed on the platform") and handles its two actions: open the
// page, or stop these alerts in one click. It caches nothing and sees no other request.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let message = null;
  try {
    message = event.data ? event.data.json() : null;
  } catch {
    message = null;
  }
  if (!message || typeof message.title !== 'string') return;
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: typeof message.body === 'string' ? message.body : '',
      tag: typeof message.tag === 'string' ? message.tag : 'creneau-alert',
      icon: '/favicon.svg',
      data: { url: typeof message.url === 'string' ? message.url : '/' },
      actions: Array.isArray(message.actions) ? message.actions.slice(0, 2) : [],
    }),
  );
});

async function stopAlerts() {
  const subscription = await self.registration.pushManager.getSubscription();
  if (!subscription) return;
  try {
    await fetch('/api/v1/push/unsubscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: subscription.endpoint }),
    });
  } finally {
    await subscription.unsubscribe();
  }
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  if (event.action === 'unsubscribe') {
    event.waitUntil(stopAlerts());
    return;
  }
  let target;
  try {
    target = new URL(event.notification.data?.url ?? '/', self.location.origin);
  } catch {
    return;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return;
  event.waitUntil(self.clients.openWindow(target.href));
});

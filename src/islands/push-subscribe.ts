/**
 * <push-subscribe data-key="…" data-place='{"commune":"35238","rayon":20}' data-lang="fr">: the "Être
 * prévenu" page's notification buttons. Registers the service worker (/push-sw.js), asks the
 * browser for a push subscription bound to the site's VAPID public key, and hands it with the place to
 * `POST /api/v1/push/subscriptions`; "stop" posts the endpoint to `/api/v1/push/unsubscribe` and
 * drops the browser's subscription. The words come from the page (data-msg-*), in its language.
 */
type State = 'unsupported' | 'denied' | 'working' | 'subscribed' | 'already' | 'unsubscribed' | 'failed';

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function postJson(url: string, body: unknown): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.ok;
}

class PushSubscribe extends HTMLElement {
  #registration: ServiceWorkerRegistration | null = null;

  #part<T extends HTMLElement>(name: string): T | null {
    return this.querySelector<T>(`[data-push-${name}]`);
  }

  #say(state: State) {
    const status = this.#part('status');
    if (status) status.textContent = this.getAttribute(`data-msg-${state}`) ?? '';
    this.dataset.state = state;
  }

  async connectedCallback() {
    const noScript = this.#part('nojs');
    if (noScript) noScript.hidden = true;
    const subscribe = this.#part<HTMLButtonElement>('subscribe');
    const unsubscribe = this.#part<HTMLButtonElement>('unsubscribe');
    if (!subscribe || !unsubscribe) return;
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
      this.#say('unsupported');
      return;
    }
    subscribe.addEventListener('click', () => void this.subscribe());
    unsubscribe.addEventListener('click', () => void this.unsubscribe());
    try {
      this.#registration = await navigator.serviceWorker.register('/push-sw.js');
      const existing = await this.#registration.pushManager.getSubscription();
      subscribe.hidden = false;
      unsubscribe.hidden = existing === null;
      if (Notification.permission === 'denied') this.#say('denied');
      else if (existing) this.#say('already');
      this.dataset.ready = 'true';
    } catch {
      this.#say('unsupported');
    }
  }

  async subscribe(): Promise<void> {
    const key = this.dataset.key;
    if (!key || !this.#registration) return;
    this.#say('working');
    try {
      if ((await Notification.requestPermission()) !== 'granted') return this.#say('denied');
      const manager = this.#registration.pushManager;
      const options = { userVisibleOnly: true, applicationServerKey: applicationServerKey(key) };
      let subscription: PushSubscription;
      try {
        subscription = (await manager.getSubscription()) ?? (await manager.subscribe(options));
      } catch {
        // A subscription made with older keys: drop it and make a new one.
        await (await manager.getSubscription())?.unsubscribe();
        subscription = await manager.subscribe(options);
      }
      const ok = await postJson('/api/v1/push/subscriptions', {
        subscription: subscription.toJSON(),
        place: JSON.parse(this.dataset.place ?? '{}'),
        lang: this.dataset.lang === 'en' ? 'en' : 'fr',
      });
      if (!ok) return this.#say('failed');
      this.#say('subscribed');
      const unsubscribe = this.#part('unsubscribe');
      if (unsubscribe) unsubscribe.hidden = false;
    } catch {
      this.#say('failed');
    }
  }

  async unsubscribe(): Promise<void> {
    if (!this.#registration) return;
    this.#say('working');
    try {
      const subscription = await this.#registration.pushManager.getSubscription();
      if (subscription) {
        await postJson('/api/v1/push/unsubscribe', { endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
      this.#say('unsubscribed');
      const unsubscribe = this.#part('unsubscribe');
      if (unsubscribe) unsubscribe.hidden = true;
    } catch {
      this.#say('failed');
    }
  }
}

if (!customElements.get('push-subscribe')) customElements.define('push-subscribe', PushSubscribe);

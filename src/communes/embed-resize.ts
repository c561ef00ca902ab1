import { HEIGHT_MESSAGE } from './embed-protocol.ts';

/**
 * In the widget (browser only): tells the page around it how tall the list is, at load and each
 * time it changes (fonts, a narrower column, the live data), so the host's script (embed.ts,
 * `hostScript`) sizes the `<iframe>` to it. The height is no secret, so any parent may read it;
 * the host script is the one that checks where a message comes from.
 */
function post(): void {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
}

if (window.parent !== window) {
  let last = -1;
  const changed = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post();
  };
  new ResizeObserver(changed).observe(document.documentElement);
  window.addEventListener('load', changed);
  changed();
}

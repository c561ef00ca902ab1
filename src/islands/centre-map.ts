/**
 * <centre-map>: the map island beside the result list. Leaflet is loaded only once the page
 * has painted and the map is near the viewport, so the list never waits for it.
 */
class CentreMap extends HTMLElement {
  connectedCallback() {
    const start = () => void this.#load();
    if (!('IntersectionObserver' in window)) return start();
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          start();
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(this);
  }

  async #load() {
    const { renderCentreMap } = await import('./leaflet-map.ts');
    renderCentreMap(this);
  }
}

customElements.define('centre-map', CentreMap);

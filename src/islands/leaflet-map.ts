import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type { CompactMarker, MarkersJson } from '../search/markers.ts';

type MapMarker = CompactMarker & { href: string };

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Popups are built from text nodes: centre names come from outside sources and are never markup. */
function popupContent(marker: MapMarker, detailsLabel: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-popup';
  const title = document.createElement('a');
  title.href = marker.href;
  title.textContent = marker.name;
  const state = document.createElement('p');
  state.className = `map-popup__state map-popup__state--${marker.state}`;
  state.textContent = marker.headline;
  const address = document.createElement('p');
  address.textContent = marker.address;
  title.setAttribute('aria-label', `${marker.name} : ${detailsLabel}`);
  box.append(title, state, address);
  return box;
}

function highlightCard(id: string, scroll: boolean) {
  for (const card of document.querySelectorAll('.card.is-highlighted'))
    card.classList.remove('is-highlighted');
  const card = document.getElementById(`centre-${id}`);
  if (!card) return;
  card.classList.add('is-highlighted');
  if (scroll) card.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
}

/** The area's markers, from the compact JSON the page names (`data-markers-url`); none if it fails. */
async function loadMarkers(host: HTMLElement): Promise<MapMarker[]> {
  const url = host.dataset.markersUrl;
  const english = host.dataset.lang === 'en';
  try {
    if (!url) throw new Error('no markers URL');
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(String(response.status));
    const body = (await response.json()) as MarkersJson;
    return body.markers.map((marker) => ({
      ...marker,
      href: `/centres/${encodeURIComponent(marker.id)}${english ? '?lang=en' : ''}`,
    }));
  } catch {
    const note = host.querySelector<HTMLElement>('[data-markers-failed]');
    if (note) note.hidden = false;
    return [];
  }
}

interface ControlWords {
  zoomIn: string;
  zoomOut: string;
  leaflet: string;
  closePopup: string;
}

/** The controls' words the page passed (`data-controls`, JSON from the messages); empty if unreadable. */
function controlWords(host: HTMLElement): ControlWords {
  const empty: ControlWords = { zoomIn: '', zoomOut: '', leaflet: '', closePopup: '' };
  try {
    const parsed: unknown = JSON.parse(host.dataset.controls ?? '{}');
    if (!parsed || typeof parsed !== 'object') return empty;
    const read = (key: keyof ControlWords) => {
      const value = (parsed as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : '';
    };
    return {
      zoomIn: read('zoomIn'),
      zoomOut: read('zoomOut'),
      leaflet: read('leaflet'),
      closePopup: read('closePopup'),
    };
  } catch {
    return empty;
  }
}

export async function renderCentreMap(host: HTMLElement): Promise<void> {
  // leaflet.markercluster is a UMD plugin that extends the global `L`.
  (globalThis as { L?: typeof L }).L = L;
  await import('leaflet.markercluster');
  const container = host.querySelector<HTMLElement>('.map');
  if (!container) return;
  const markers = await loadMarkers(host);
  const words = controlWords(host);
  const map = L.map(container, {
    scrollWheelZoom: false,
    zoomAnimation: !reducedMotion(),
    zoomControl: false,
  });
  // Leaflet's controls speak English by default: in the page's language instead (src/i18n, map.controls).
  L.control.zoom({ zoomInTitle: words.zoomIn, zoomOutTitle: words.zoomOut }).addTo(map);
  const leafletLink = document.createElement('a');
  leafletLink.href = 'https://leafletjs.com';
  leafletLink.title = words.leaflet;
  leafletLink.textContent = 'Leaflet';
  map.attributionControl.setPrefix(leafletLink.outerHTML);
  map.on('popupopen', (event) => {
    const close = event.popup.getElement()?.querySelector('.leaflet-popup-close-button');
    close?.setAttribute('aria-label', words.closePopup);
    close?.setAttribute('title', words.closePopup);
  });
  const tiles = L.tileLayer(host.dataset.tileUrl ?? '', {
    attribution: host.dataset.tileAttribution ?? '',
    maxZoom: 18,
  });
  // Tiles come from another server that may be down or blocked: say so once, markers stay usable.
  let tileErrors = 0;
  tiles.on('tileerror', () => {
    tileErrors += 1;
    if (tileErrors === 1) {
      host.dataset.tileErrors = 'true';
      const note = host.querySelector<HTMLElement>('[data-tiles-failed]');
      if (note) note.hidden = false;
    }
  });
  tiles.addTo(map);
  const stateOf = new Map<L.Marker, MapMarker['state']>();
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    animate: !reducedMotion(),
    // A group is green when at least one of its centres has slots, and says how many do in its title.
    iconCreateFunction: (group) => {
      const children = group.getAllChildMarkers();
      const withSlots = children.filter((child) => stateOf.get(child) === 'slots').length;
      const label = document.createElement('span');
      label.textContent = String(children.length);
      return L.divIcon({
        className: `centre-cluster centre-cluster--${withSlots > 0 ? 'slots' : 'none'}`,
        iconSize: [36, 36],
        html: label.outerHTML,
      });
    },
  });
  const layers = new Map<string, L.Marker>();
  const detailsLabel = host.dataset.detailsLabel ?? '';
  for (const marker of markers) {
    const icon = L.divIcon({
      className: `centre-marker centre-marker--${marker.state}`,
      iconSize: [24, 24],
      html: '<span aria-hidden="true"></span>',
    });
    const layer = L.marker([marker.lat, marker.lon], {
      icon,
      title: `${marker.name} : ${marker.headline}`,
      alt: `${marker.name} : ${marker.headline}`,
      keyboard: true,
    });
    layer.bindPopup(popupContent(marker, detailsLabel));
    layer.on('click', () => highlightCard(marker.id, true));
    layer.on('keypress', () => highlightCard(marker.id, true));
    layers.set(marker.id, layer);
    stateOf.set(layer, marker.state);
    cluster.addLayer(layer);
  }
  map.addLayer(cluster);
  const bounds = L.latLngBounds(markers.map((m) => [m.lat, m.lon] as [number, number]));
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.1), { maxZoom: 13 });
  else map.setView([Number(host.dataset.lat ?? 46.6), Number(host.dataset.lon ?? 2.4)], 11);

  // List → map: a card's "voir sur la carte" button opens its marker (out of its cluster if need be).
  document.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-show-on-map]');
    const id = button?.dataset.showOnMap;
    const layer = id ? layers.get(id) : undefined;
    if (!id || !layer) return;
    highlightCard(id, false);
    for (const element of document.querySelectorAll('.centre-marker.is-highlighted'))
      element.classList.remove('is-highlighted');
    cluster.zoomToShowLayer(layer, () => {
      layer.getElement()?.classList.add('is-highlighted');
      map.panTo(layer.getLatLng(), { animate: !reducedMotion() });
      layer.openPopup();
    });
    host.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  });
  host.dataset.ready = 'true';
  for (const button of document.querySelectorAll<HTMLElement>('[data-show-on-map]')) button.hidden = false;
}

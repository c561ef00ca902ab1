import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import type { MapMarker } from './markers.ts';

const KIND_LABELS: Record<MapMarker['kind'], string> = {
  online: 'réservation en ligne',
  phone: 'réservation par téléphone',
  none: 'pas de réservation en ligne',
};

/** Popups are built from text nodes: centre names come from outside sources and are never markup. */
function popupContent(marker: MapMarker): HTMLElement {
  const box = document.createElement('div');
  const title = document.createElement('a');
  title.href = `/centres/${encodeURIComponent(marker.id)}`;
  title.textContent = marker.name;
  const address = document.createElement('p');
  address.textContent = marker.address;
  const kind = document.createElement('p');
  kind.textContent = KIND_LABELS[marker.kind];
  box.append(title, address, kind);
  return box;
}

function highlightCard(id: string) {
  for (const card of document.querySelectorAll('.card.is-highlighted'))
    card.classList.remove('is-highlighted');
  const card = document.getElementById(`centre-${id}`);
  if (!card) return;
  card.classList.add('is-highlighted');
  card.scrollIntoView({
    block: 'nearest',
    behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
  });
}

export async function renderCentreMap(host: HTMLElement): Promise<void> {
  // leaflet.markercluster is a UMD plugin that extends the global `L`.
  (globalThis as { L?: typeof L }).L = L;
  await import('leaflet.markercluster');
  const container = host.querySelector<HTMLElement>('.map');
  const data = host.querySelector('script[type="application/json"]')?.textContent;
  if (!container || !data) return;
  const markers = JSON.parse(data) as MapMarker[];
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(host.dataset.tileUrl ?? '', {
    attribution: host.dataset.tileAttribution ?? '',
    maxZoom: 18,
  }).addTo(map);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  for (const marker of markers) {
    const icon = L.divIcon({ className: `centre-marker centre-marker--${marker.kind}`, iconSize: [22, 22] });
    const layer = L.marker([marker.lat, marker.lon], {
      icon,
      title: marker.name,
      alt: marker.name,
      keyboard: true,
    });
    layer.bindPopup(popupContent(marker));
    layer.on('click', () => highlightCard(marker.id));
    cluster.addLayer(layer);
  }
  map.addLayer(cluster);
  const bounds = L.latLngBounds(markers.map((m) => [m.lat, m.lon] as [number, number]));
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.1), { maxZoom: 13 });
  else map.setView([Number(host.dataset.lat ?? 46.6), Number(host.dataset.lon ?? 2.4)], 11);
  host.dataset.ready = 'true';
}

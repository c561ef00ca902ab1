/** Map tiles: OpenStreetMap's by default; operators point `CRENEAU_TILE_URL` at their own server. */
export interface TileSettings {
  url: string;
  attribution: string;
}

export function tileSettings(env: NodeJS.ProcessEnv = process.env): TileSettings {
  return {
    url: env.CRENEAU_TILE_URL?.trim() || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution:
      env.CRENEAU_TILE_ATTRIBUTION?.trim() ||
      '© <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>',
  };
}

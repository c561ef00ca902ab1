import type { APIRoute } from 'astro';
import { getAppContext } from '../../../app/app-context.ts';
import { markersKey, markersSearch, searchMarkers } from '../../../search/markers.ts';
import { corsPreflight, handleApi, preparedJson, sharedCacheControl } from '../../../shared/http.ts';

/** `GET /api/v1/markers?<a /recherche query>`: the results map's markers (docs/API.md). */
export const GET: APIRoute = ({ request, url }) =>
  handleApi(async () => {
    const app = await getAppContext();
    // Validated first, so a bad query (400/404) takes no place in the memo.
    const found = markersSearch(app, url.searchParams);
    const prepared = app.responses.get(markersKey(url.searchParams), app.availability.version, () =>
      searchMarkers(app, found, url.searchParams),
    );
    return preparedJson(request, prepared, sharedCacheControl(app.pollIntervalS));
  });
export const OPTIONS: APIRoute = () => corsPreflight();

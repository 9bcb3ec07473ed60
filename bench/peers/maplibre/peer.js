// The MapLibre GL JS 6.20.0 peer of the article-map benchmark: the same region data, story sites and synthetic
// workload (../shared.js) in the scene's view, as GeoJSON sources with fill, line and circle layers (WebGL), the
// story sites as DOM markers with popups. The style has only these local sources: no tiles, no glyphs, no sprite
// (and so no text layers). Every request goes to this page's own origin.
import * as maplibregl from '/lib/maplibre-gl/maplibre-gl.mjs';

const P = window.BenchPeer;
const C = P.COLOURS;
const query = P.readQuery(location.search);
const scene = P.sceneView();
const EMPTY = { type: 'FeatureCollection', features: [] };

const levels = { l0: P.fetchLevel('l0') };
const storyPromise = P.fetchStory();

// ---- the synthetic workload as GeoJSON: N point features (id = index) and one line -------------------------
function syntheticGeoJSON(data) {
  const points = new Array(data.count);
  for (let i = 0; i < data.count; i++) {
    points[i] = { type: 'Feature', id: i, properties: {}, geometry: { type: 'Point', coordinates: [data.points[2 * i], data.points[2 * i + 1]] } };
  }
  const line = new Array(data.count);
  for (let j = 0; j < data.count; j++) line[j] = [data.line[2 * j], data.line[2 * j + 1]];
  return {
    points: { type: 'FeatureCollection', features: points },
    line: data.count > 1 ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }] } : EMPTY,
  };
}

// ---- the style: basemap fills and lines, the synthetic line, the synthetic points --------------------------
const is = (layer) => ['==', ['get', 'layer'], layer];
function style(basemap, synthetic) {
  return {
    version: 8,
    sources: {
      basemap: { type: 'geojson', data: basemap, attribution: 'Boundaries: Natural Earth (de facto, approximate)' },
      'synthetic-line': { type: 'geojson', data: synthetic.line },
      'synthetic-points': { type: 'geojson', data: synthetic.points },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': C.sea } },
      { id: 'countries', type: 'fill', source: 'basemap', filter: is('countries'),
        paint: { 'fill-color': ['case', ['==', ['get', 'id'], 'TJK'], C.tajikistan, C.land], 'fill-antialias': false } },
      { id: 'xinjiang', type: 'fill', source: 'basemap', filter: is('xinjiang'), paint: { 'fill-color': C.xinjiang, 'fill-antialias': false } },
      { id: 'wakhan', type: 'fill', source: 'basemap', filter: is('wakhan'), paint: { 'fill-color': C.wakhan } },
      { id: 'wakhan-edge', type: 'line', source: 'basemap', filter: is('wakhan'),
        paint: { 'line-color': C.wakhanEdge, 'line-width': 1.4, 'line-dasharray': [5 / 1.4, 3 / 1.4] } },
      { id: 'provinces', type: 'line', source: 'basemap', filter: ['any', is('gbao'), is('badakhshan')],
        layout: { 'line-cap': 'round' }, paint: { 'line-color': C.province, 'line-width': 1.1, 'line-dasharray': [1 / 1.1, 3 / 1.1] } },
      { id: 'coast', type: 'line', source: 'basemap', filter: is('coast'), paint: { 'line-color': C.coast, 'line-width': 0.8 } },
      { id: 'borders', type: 'line', source: 'basemap', filter: ['all', is('borders'), ['!=', ['get', 'kind'], 'story']],
        paint: { 'line-color': C.border, 'line-width': 0.9 } },
      { id: 'story-borders', type: 'line', source: 'basemap', filter: ['all', is('borders'), ['==', ['get', 'kind'], 'story']],
        paint: { 'line-color': C.storyBorder, 'line-width': 2.4 } },
      { id: 'synthetic-line', type: 'line', source: 'synthetic-line', paint: { 'line-color': C.syntheticLine, 'line-width': 2 } },
      { id: 'synthetic-points', type: 'circle', source: 'synthetic-points',
        paint: { 'circle-radius': 3, 'circle-color': C.syntheticPoint, 'circle-stroke-width': 0 } },
    ],
  };
}

function sortedCollection(geojson) {
  return { type: 'FeatureCollection', features: P.sortedFeatures(geojson) };
}

// ---- the map ---------------------------------------------------------------------------------------------
const synthetic = syntheticGeoJSON(P.synthetic(query.n, query.seed));
const [l0, story] = await Promise.all([levels.l0, storyPromise]).catch((err) => {
  console.error(`maplibre peer: ${err}`);
  throw err;
});
const container = document.getElementById('map');
const map = new maplibregl.Map({
  container,
  style: style(sortedCollection(l0), synthetic),
  center: [scene.lon, scene.lat],
  zoom: scene.zoom - 1, // MapLibre's zoom: 512 px tiles
  renderWorldCopies: false,
  attributionControl: { compact: false },
  pitchWithRotate: false,
  dragRotate: false,
});
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
const webZoom = () => map.getZoom() + 1;

let shownLevel = 'l0';
let wantedLevel = 'l0';
function showLevel(level) {
  wantedLevel = level;
  if (!levels[level]) levels[level] = P.fetchLevel(level);
  return levels[level].then((geojson) => {
    if (wantedLevel !== level || shownLevel === level) return;
    map.getSource('basemap').setData(sortedCollection(geojson));
    shownLevel = level;
    P.setMapState(container, undefined, level);
  });
}

// ---- story sites: DOM markers with popups ----------------------------------------------------------------
for (const feature of P.storySites(story)) {
  const popup = new maplibregl.Popup({ maxWidth: '360px', closeButton: true, closeOnClick: true, offset: 10 })
    .setDOMContent(P.popupContent(feature));
  popup.on('open', () => {
    const el = popup.getElement();
    el.setAttribute('role', 'dialog');
    el.setAttribute('data-popup-for', feature.id);
  });
  new maplibregl.Marker({ element: P.markerElement(feature), anchor: 'center' })
    .setLngLat(feature.properties.anchor)
    .setPopup(popup)
    .addTo(map);
}
// Escape closes the open popup (as Leaflet's keyboard handler does).
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') for (const el of document.querySelectorAll('.maplibregl-popup-close-button')) el.click();
});

P.expose({
  library: `MapLibre GL JS ${maplibregl.getVersion()}`,
  view: () => {
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: webZoom(), width: container.clientWidth, height: container.clientHeight };
  },
  // The circle features MapLibre reports as rendered in the viewport (a point near a tile edge is in two tiles:
  // counted once, by id).
  drawnPoints: () => {
    const seen = new Uint8Array(query.n);
    let count = 0;
    for (const f of map.queryRenderedFeatures({ layers: ['synthetic-points'] })) {
      if (typeof f.id === 'number' && !seen[f.id]) { seen[f.id] = 1; count += 1; }
    }
    return { count, method: "map.queryRenderedFeatures({ layers: ['synthetic-points'] }), unique ids" };
  },
});

// map-ready: the style and every source loaded and the frame showing them rendered ('idle').
map.once('idle', () => {
  P.setMapState(container, webZoom(), 'l0');
  map.on('zoom', () => P.setMapState(container, webZoom()));
  map.on('zoomend', () => showLevel(P.levelFor(webZoom())));
  P.markReady();
  // Like the app: the first frame uses l0, then the level the view needs is fetched.
  showLevel(P.levelFor(webZoom()));
});
map.on('error', (e) => console.error(`maplibre peer: ${e.error?.message ?? e}`));

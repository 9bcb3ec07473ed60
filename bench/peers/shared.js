// What every peer of the article-map benchmark shares, so that they all draw the same thing in the same view:
// the query (?synthetic=N&seed=S, read as the app reads it), the synthetic workload (mulberry32, exactly as
// src/domain/synthetic.rs generates it), the scene's view (the workload's extent fitted to 1280×800), the
// app's level-of-detail rule, the basemap's colours, the story markers and their popups, and where the data
// is. A classic script: it sets `window.BenchPeer` (bench/run.mjs also runs it in Node, with `vm`, to count
// the points inside a view).
(function (root) {
  'use strict';

  // ---- the query ---------------------------------------------------------------------------------------
  var MAX_SYNTHETIC = 1000000;
  function readQuery(search) {
    var params = new URLSearchParams(search || '');
    var nText = params.get('synthetic') || '';
    var seedText = (params.get('seed') || '').trim();
    // As src/domain/synthetic.rs's parse_request: a bad or negative N is no workload, a bad seed is 1.
    var n = /^\s*\d+\s*$/.test(nText) ? Math.min(parseInt(nText, 10), MAX_SYNTHETIC) : 0;
    var seed = /^\d+$/.test(seedText) && Number(seedText) <= 4294967295 ? Number(seedText) : 1;
    return { n: n, seed: seed, renderer: params.get('renderer') || '' };
  }

  // ---- the synthetic workload --------------------------------------------------------------------------
  function mulberry32(s) {
    var a = s >>> 0;
    return function next() {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // N points (lon, lat interleaved), then one polyline of N vertices, from one generator: the app's order.
  function synthetic(count, seed) {
    var next = mulberry32(seed);
    var points = new Float64Array(2 * count);
    for (var i = 0; i < count; i++) {
      points[2 * i] = 44 + 56 * next();
      points[2 * i + 1] = 23 + 33 * next();
    }
    var line = new Float64Array(2 * count);
    for (var j = 0; j < count; j++) {
      var t = count === 1 ? 0 : j / (count - 1);
      line[2 * j] = 44 + 56 * t;
      line[2 * j + 1] = 39.5 + 12 * Math.sin(2 * Math.PI * 8 * t) + 2 * (next() - 0.5);
    }
    return { count: count, points: points, line: line };
  }

  // ---- the scene: the workload's extent, fitted to the peers' map -----------------------------------------
  // Web-map zoom: at zoom z the world is 256·2^z CSS px wide (the app's convention, src/domain/viewport.rs,
  // Leaflet's and OpenLayers'; MapLibre's zoom is one less, its tiles being 512 px).
  var SCENE_BOUNDS = { west: 44, south: 23, east: 100, north: 56 };
  var SCENE_SIZE = { width: 1280, height: 800 };
  function mercY(lat) { return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)); }
  function unmercY(y) { return ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI; }
  function sceneView() {
    var b = SCENE_BOUNDS;
    var fx = (b.east - b.west) / 360; // fractions of the world's width and height
    var fy = (mercY(b.north) - mercY(b.south)) / (2 * Math.PI);
    var zoom = Math.log2(Math.min(SCENE_SIZE.width / (256 * fx), SCENE_SIZE.height / (256 * fy)));
    // As the app's fragment writes them (z with 3 decimals, rounded down so the extent still fits; the centre
    // with 5), so that every target is given exactly the same numbers.
    zoom = Math.floor(zoom * 1000) / 1000;
    var lat = unmercY((mercY(b.north) + mercY(b.south)) / 2);
    return { lon: Math.round(((b.west + b.east) / 2) * 1e5) / 1e5, lat: Math.round(lat * 1e5) / 1e5, zoom: zoom };
  }

  // How many of the workload's points lie inside a view (centre, web-map zoom, size in CSS px).
  function pointsInView(data, view) {
    var scale = (256 * Math.pow(2, view.zoom)) / 360; // px per degree of longitude
    var worldPx = 256 * Math.pow(2, view.zoom);
    var cx = view.lon * scale;
    var cy = (mercY(view.lat) * worldPx) / (2 * Math.PI);
    var x0 = cx - view.width / 2, x1 = cx + view.width / 2;
    var y0 = cy - view.height / 2, y1 = cy + view.height / 2;
    var inside = 0;
    for (var i = 0; i < data.count; i++) {
      var x = data.points[2 * i] * scale;
      var y = (mercY(data.points[2 * i + 1]) * worldPx) / (2 * Math.PI);
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) inside += 1;
    }
    return inside;
  }

  // ---- the basemap -------------------------------------------------------------------------------------
  // The app's rule: degrees of longitude per pixel ≥ 0.015 → L0, ≥ 0.004 → L1, else L2.
  function levelFor(webZoom) {
    var degPerPx = 360 / (256 * Math.pow(2, webZoom));
    return degPerPx >= 0.015 ? 'l0' : degPerPx >= 0.004 ? 'l1' : 'l2';
  }
  var LAYER_ORDER = ['countries', 'xinjiang', 'wakhan', 'gbao', 'badakhshan', 'coast', 'borders'];
  var COLOURS = {
    sea: '#e6ecef',
    land: '#f1eee8',
    tajikistan: '#f2ddb0',
    xinjiang: '#c8d3de',
    wakhan: '#f0a95b',
    wakhanEdge: '#a4520c',
    province: '#6f5d3f',
    border: '#8d9094',
    storyBorder: '#a3122a',
    coast: '#7d9aa8',
    syntheticLine: 'rgba(60, 90, 160, 0.8)',
    syntheticPoint: 'rgba(120, 60, 150, 0.65)',
  };
  function sortedFeatures(geojson) {
    return geojson.features.slice().sort(function (a, b) {
      return LAYER_ORDER.indexOf(a.properties.layer) - LAYER_ORDER.indexOf(b.properties.layer);
    });
  }

  // ---- data, all from this origin ----------------------------------------------------------------------
  // l1/l2 and the story as dist/ has them; l0 (embedded in the app's wasm) from assets/geo/.
  var DATA = '/peer-data/';
  function fetchJson(name) {
    return fetch(DATA + name).then(function (r) {
      if (!r.ok) throw new Error(name + ': HTTP ' + r.status);
      return r.json();
    });
  }
  function fetchLevel(level) { return fetchJson(level + '.geojson'); }
  function fetchStory() { return fetchJson('umarov-tajikistan-2021.json'); }
  function storySites(story) {
    return story.features.features.filter(function (f) { return f.properties.anchor; });
  }

  // ---- story markers and popups ------------------------------------------------------------------------
  function popupContent(feature) {
    var doc = root.document;
    var box = doc.createElement('div');
    box.className = 'site-popup';
    var title = doc.createElement('h2');
    title.appendChild(doc.createTextNode(feature.properties.title || feature.id));
    box.appendChild(title);
    var quotes = doc.createElement('div');
    quotes.className = 'quotes';
    (feature.properties.quotes || []).forEach(function (q) {
      var bq = doc.createElement('blockquote');
      bq.appendChild(doc.createTextNode(q.exact));
      quotes.appendChild(bq);
    });
    box.appendChild(quotes);
    return box;
  }
  // A 14 px round marker (the Leaflet peer's divIcon, for the peers that take a DOM element).
  function markerElement(feature) {
    var el = root.document.createElement('div');
    el.className = 'site-marker';
    el.setAttribute('data-feature-id', feature.id);
    el.setAttribute('role', 'button');
    el.setAttribute('tabindex', '0');
    el.setAttribute('title', feature.properties.title || feature.id);
    el.setAttribute('aria-label', feature.properties.title || feature.id);
    return el;
  }

  // What the benchmark reads back from a peer: its view and how many synthetic points it draws in it.
  function expose(api) { root.__peer = api; }
  function markReady() { root.performance.mark('map-ready'); }
  function setMapState(el, webZoom, level) {
    if (webZoom !== undefined) el.setAttribute('data-zoom', webZoom.toFixed(4));
    if (level) el.setAttribute('data-lod', level);
  }

  root.BenchPeer = {
    readQuery: readQuery,
    mulberry32: mulberry32,
    synthetic: synthetic,
    SCENE_BOUNDS: SCENE_BOUNDS,
    SCENE_SIZE: SCENE_SIZE,
    sceneView: sceneView,
    pointsInView: pointsInView,
    levelFor: levelFor,
    LAYER_ORDER: LAYER_ORDER,
    COLOURS: COLOURS,
    sortedFeatures: sortedFeatures,
    fetchLevel: fetchLevel,
    fetchStory: fetchStory,
    storySites: storySites,
    popupContent: popupContent,
    markerElement: markerElement,
    expose: expose,
    markReady: markReady,
    setMapState: setMapState,
  };
})(typeof window !== 'undefined' ? window : globalThis);

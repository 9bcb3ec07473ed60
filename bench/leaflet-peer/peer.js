// The Leaflet 1.9.4 peer of the article-map benchmark: the same embedded region data, the same story sites with
// popups and the same synthetic workload, drawn with Leaflet's SVG or Canvas renderer (`?renderer=svg|canvas`).
// Every request goes to this page's own origin: l0/l1/l2.geojson and the story package beside this page,
// Leaflet under /leaflet/.
(function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var rendererName = params.get('renderer') === 'canvas' ? 'canvas' : 'svg';
  // The same reading as the app: a bad or negative N means no workload, a bad seed means 1.
  var n = /^\s*\d+\s*$/.test(params.get('synthetic') || '') ? Math.min(parseInt(params.get('synthetic'), 10), 1000000) : 0;
  var seed = /^\s*\d+\s*$/.test(params.get('seed') || '') ? parseInt(params.get('seed'), 10) >>> 0 : 1;

  // Start both fetches before anything else.
  var levels = { l0: fetchJson('l0.geojson') };
  var storyPromise = fetchJson('umarov-tajikistan-2021.json');

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function makeRenderer(pane) {
    return rendererName === 'canvas' ? L.canvas({ pane: pane }) : L.svg({ pane: pane });
  }

  var map = L.map('map', {
    renderer: makeRenderer('overlayPane'),
    zoomSnap: 0,
    fadeAnimation: true,
    zoomAnimation: true,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Boundaries: Natural Earth (de facto, approximate)');

  // Basemap below the synthetic layer, the synthetic layer below the markers (markerPane is 600).
  map.createPane('basemap').style.zIndex = 350;
  map.createPane('synthetic').style.zIndex = 450;
  map.getPane('basemap').style.pointerEvents = 'none';
  map.getPane('synthetic').style.pointerEvents = 'none';
  var basemapRenderer = makeRenderer('basemap');
  var syntheticRenderer = makeRenderer('synthetic');

  // The app's home view.
  map.fitBounds([[35.9, 67.3], [41.2, 80.2]], { padding: [0, 0], animate: false });

  // ---- basemap -------------------------------------------------------------------------------------------
  var LAYER_ORDER = ['countries', 'xinjiang', 'wakhan', 'gbao', 'badakhshan', 'coast', 'borders'];

  function basemapStyle(feature) {
    var p = feature.properties;
    switch (p.layer) {
      case 'countries':
        return { stroke: false, fill: true, fillOpacity: 1, fillColor: p.id === 'TJK' ? '#f2ddb0' : '#f1eee8' };
      case 'xinjiang':
        return { stroke: false, fill: true, fillOpacity: 1, fillColor: '#c8d3de' };
      case 'wakhan':
        return { fill: true, fillOpacity: 1, fillColor: '#f0a95b', color: '#a4520c', weight: 1.4, dashArray: '5 3' };
      case 'gbao':
      case 'badakhshan':
        return { fill: false, color: '#6f5d3f', weight: 1.1, dashArray: '1 3', lineCap: 'round' };
      case 'borders':
        return p.kind === 'story'
          ? { fill: false, color: '#a3122a', weight: 2.4, opacity: 1 }
          : { fill: false, color: '#8d9094', weight: 0.9, opacity: 1 };
      case 'coast':
        return { fill: false, color: '#7d9aa8', weight: 0.8, opacity: 1 };
      default:
        return { fill: false, color: '#8d9094', weight: 0.8 };
    }
  }

  function basemapLayer(geojson) {
    var features = geojson.features.slice().sort(function (a, b) {
      return LAYER_ORDER.indexOf(a.properties.layer) - LAYER_ORDER.indexOf(b.properties.layer);
    });
    return L.geoJSON({ type: 'FeatureCollection', features: features }, {
      style: basemapStyle,
      interactive: false,
      renderer: basemapRenderer,
      pane: 'basemap',
    });
  }

  // The app's level-of-detail rule: degrees of longitude per pixel.
  function levelFor(zoom) {
    var degPerPx = 360 / (256 * Math.pow(2, zoom));
    return degPerPx >= 0.015 ? 'l0' : degPerPx >= 0.004 ? 'l1' : 'l2';
  }

  var shownLevel = null;
  var shownLayer = null;
  var wantedLevel = 'l0';

  function showLevel(level) {
    wantedLevel = level;
    if (!levels[level]) levels[level] = fetchJson(level + '.geojson');
    return levels[level].then(function (geojson) {
      if (wantedLevel !== level || shownLevel === level) return;
      var layer = basemapLayer(geojson).addTo(map);
      if (shownLayer) map.removeLayer(shownLayer);
      shownLayer = layer;
      shownLevel = level;
      map.getContainer().setAttribute('data-lod', level);
    });
  }

  // ---- synthetic workload (mulberry32, exactly as the benchmark specifies) ---------------------------------
  function mulberry32(s) {
    var a = s >>> 0;
    return function next() {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function syntheticLayer(count, s) {
    var next = mulberry32(s);
    var points = new Array(count);
    for (var i = 0; i < count; i++) {
      var lon = 44 + 56 * next();
      var lat = 23 + 33 * next();
      points[i] = [lat, lon];
    }
    var line = new Array(count);
    for (var j = 0; j < count; j++) {
      var t = count === 1 ? 0 : j / (count - 1);
      var la = 39.5 + 12 * Math.sin(2 * Math.PI * 8 * t) + 2 * (next() - 0.5);
      line[j] = [la, 44 + 56 * t];
    }
    var layers = [];
    // The line first, the points over it (as the app draws them).
    layers.push(L.polyline(line, {
      renderer: syntheticRenderer, pane: 'synthetic', interactive: false,
      color: 'rgb(60, 90, 160)', opacity: 0.8, weight: 2, fill: false,
    }));
    for (var k = 0; k < count; k++) {
      layers.push(L.circleMarker(points[k], {
        renderer: syntheticRenderer, pane: 'synthetic', interactive: false,
        radius: 3, stroke: false, fill: true, fillColor: 'rgb(120, 60, 150)', fillOpacity: 0.65,
      }));
    }
    return L.layerGroup(layers);
  }

  // ---- story sites with popups ----------------------------------------------------------------------------
  function popupContent(feature) {
    var root = document.createElement('div');
    root.className = 'site-popup';
    var title = document.createElement('h2');
    title.appendChild(document.createTextNode(feature.properties.title || feature.id));
    root.appendChild(title);
    var quotes = document.createElement('div');
    quotes.className = 'quotes';
    (feature.properties.quotes || []).forEach(function (q) {
      var bq = document.createElement('blockquote');
      bq.appendChild(document.createTextNode(q.exact));
      quotes.appendChild(bq);
    });
    root.appendChild(quotes);
    return root;
  }

  function addMarkers(story) {
    var icon = L.divIcon({ className: 'site-marker', iconSize: [14, 14], html: '' });
    story.features.features.forEach(function (feature) {
      var anchor = feature.properties.anchor;
      if (!anchor) return;
      var marker = L.marker([anchor[1], anchor[0]], {
        icon: icon, keyboard: true, title: feature.properties.title, alt: feature.properties.title,
      });
      marker.on('add', function () { marker.getElement().setAttribute('data-feature-id', feature.id); });
      marker.bindPopup(popupContent(feature), { maxWidth: 360, minWidth: 240 });
      marker.getPopup().featureId = feature.id;
      marker.addTo(map);
    });
  }

  map.on('popupopen', function (e) {
    var el = e.popup.getElement();
    el.setAttribute('role', 'dialog');
    if (e.popup.featureId) el.setAttribute('data-popup-for', e.popup.featureId);
  });

  // ---- assemble, then mark the first painted frame ---------------------------------------------------------
  Promise.all([showLevel('l0'), storyPromise]).then(function (results) {
    if (n > 0) syntheticLayer(n, seed).addTo(map);
    addMarkers(results[1]);
    map.on('zoomend', function () {
      map.getContainer().setAttribute('data-zoom', map.getZoom().toFixed(4));
      showLevel(levelFor(map.getZoom()));
    });
    map.getContainer().setAttribute('data-zoom', map.getZoom().toFixed(4));
    map.whenReady(function () {
      requestAnimationFrame(function () {
        performance.mark('map-ready');
        // Like the app: the first frame uses l0, then the level the view needs is fetched.
        showLevel(levelFor(map.getZoom()));
      });
    });
  }).catch(function (err) {
    console.error('leaflet peer: ' + err);
  });
})();

// The Leaflet 1.9.4 peer of the article-map benchmark: the same region data, the same story sites with popups and
// the same synthetic workload (../shared.js), drawn with Leaflet's SVG or Canvas renderer (`?renderer=svg|canvas`),
// in the scene's view. Every request goes to this page's own origin.
(function () {
  'use strict';

  var P = window.BenchPeer;
  var query = P.readQuery(location.search);
  var rendererName = query.renderer === 'canvas' ? 'canvas' : 'svg';
  var C = P.COLOURS;

  // Start both fetches before anything else.
  var levels = { l0: P.fetchLevel('l0') };
  var storyPromise = P.fetchStory();

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

  // The scene's view (Leaflet's zoom is the web-map zoom).
  var scene = P.sceneView();
  map.setView([scene.lat, scene.lon], scene.zoom, { animate: false });

  // ---- basemap -------------------------------------------------------------------------------------------
  function basemapStyle(feature) {
    var p = feature.properties;
    switch (p.layer) {
      case 'countries':
        return { stroke: false, fill: true, fillOpacity: 1, fillColor: p.id === 'TJK' ? C.tajikistan : C.land };
      case 'xinjiang':
        return { stroke: false, fill: true, fillOpacity: 1, fillColor: C.xinjiang };
      case 'wakhan':
        return { fill: true, fillOpacity: 1, fillColor: C.wakhan, color: C.wakhanEdge, weight: 1.4, dashArray: '5 3' };
      case 'gbao':
      case 'badakhshan':
        return { fill: false, color: C.province, weight: 1.1, dashArray: '1 3', lineCap: 'round' };
      case 'borders':
        return p.kind === 'story'
          ? { fill: false, color: C.storyBorder, weight: 2.4, opacity: 1 }
          : { fill: false, color: C.border, weight: 0.9, opacity: 1 };
      case 'coast':
        return { fill: false, color: C.coast, weight: 0.8, opacity: 1 };
      default:
        return { fill: false, color: C.border, weight: 0.8 };
    }
  }

  function basemapLayer(geojson) {
    return L.geoJSON({ type: 'FeatureCollection', features: P.sortedFeatures(geojson) }, {
      style: basemapStyle,
      interactive: false,
      renderer: basemapRenderer,
      pane: 'basemap',
    });
  }

  var shownLevel = null;
  var shownLayer = null;
  var wantedLevel = 'l0';

  function showLevel(level) {
    wantedLevel = level;
    if (!levels[level]) levels[level] = P.fetchLevel(level);
    return levels[level].then(function (geojson) {
      if (wantedLevel !== level || shownLevel === level) return;
      var layer = basemapLayer(geojson).addTo(map);
      if (shownLayer) map.removeLayer(shownLayer);
      shownLayer = layer;
      shownLevel = level;
      P.setMapState(map.getContainer(), undefined, level);
    });
  }

  // ---- synthetic workload: N circle markers and one polyline ------------------------------------------------
  var circles = [];
  function syntheticLayer(data) {
    var line = new Array(data.count);
    for (var j = 0; j < data.count; j++) line[j] = [data.line[2 * j + 1], data.line[2 * j]];
    var layers = [];
    // The line first, the points over it (as the app draws them).
    layers.push(L.polyline(line, {
      renderer: syntheticRenderer, pane: 'synthetic', interactive: false,
      color: 'rgb(60, 90, 160)', opacity: 0.8, weight: 2, fill: false,
    }));
    for (var k = 0; k < data.count; k++) {
      var c = L.circleMarker([data.points[2 * k + 1], data.points[2 * k]], {
        renderer: syntheticRenderer, pane: 'synthetic', interactive: false,
        radius: 3, stroke: false, fill: true, fillColor: 'rgb(120, 60, 150)', fillOpacity: 0.65,
      });
      circles.push(c);
      layers.push(c);
    }
    return L.layerGroup(layers);
  }

  // ---- story sites with popups ----------------------------------------------------------------------------
  function addMarkers(story) {
    var icon = L.divIcon({ className: 'site-marker', iconSize: [14, 14], html: '' });
    P.storySites(story).forEach(function (feature) {
      var anchor = feature.properties.anchor;
      var marker = L.marker([anchor[1], anchor[0]], {
        icon: icon, keyboard: true, title: feature.properties.title, alt: feature.properties.title,
      });
      marker.on('add', function () { marker.getElement().setAttribute('data-feature-id', feature.id); });
      marker.bindPopup(P.popupContent(feature), { maxWidth: 360, minWidth: 240 });
      marker.getPopup().featureId = feature.id;
      marker.addTo(map);
    });
  }

  map.on('popupopen', function (e) {
    var el = e.popup.getElement();
    el.setAttribute('role', 'dialog');
    if (e.popup.featureId) el.setAttribute('data-popup-for', e.popup.featureId);
  });

  P.expose({
    library: 'Leaflet ' + L.version + ' (' + rendererName + ')',
    view: function () {
      var c = map.getCenter();
      var s = map.getSize();
      return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), width: s.x, height: s.y };
    },
    // The circle markers whose centre is inside the map's bounds.
    drawnPoints: function () {
      var b = map.getBounds();
      var n = 0;
      for (var i = 0; i < circles.length; i++) if (b.contains(circles[i].getLatLng())) n += 1;
      return { count: n, method: 'map.getBounds().contains(circleMarker.getLatLng())' };
    },
  });

  // ---- assemble, then mark the first painted frame ---------------------------------------------------------
  Promise.all([showLevel('l0'), storyPromise]).then(function (results) {
    if (query.n > 0) syntheticLayer(P.synthetic(query.n, query.seed)).addTo(map);
    addMarkers(results[1]);
    map.on('zoomend', function () {
      P.setMapState(map.getContainer(), map.getZoom());
      showLevel(P.levelFor(map.getZoom()));
    });
    P.setMapState(map.getContainer(), map.getZoom());
    map.whenReady(function () {
      requestAnimationFrame(function () {
        P.markReady();
        // Like the app: the first frame uses l0, then the level the view needs is fetched.
        showLevel(P.levelFor(map.getZoom()));
      });
    });
  }).catch(function (err) {
    console.error('leaflet peer: ' + err);
  });
})();

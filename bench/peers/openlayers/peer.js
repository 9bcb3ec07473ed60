// The OpenLayers 10.11.0 peer of the article-map benchmark (the UMD build, ol/dist/ol.js): the same region data,
// story sites and synthetic workload (../shared.js) in the scene's view. `?renderer=canvas` draws the synthetic
// workload with Canvas vector layers (ol/layer/Vector), `?renderer=webgl` with WebGL vector layers
// (ol/layer/WebGLVector); the basemap is a Canvas vector layer in both. The story sites are DOM overlays
// (ol/Overlay) with a popup overlay. Every request goes to this page's own origin.
(function () {
  'use strict';

  var P = window.BenchPeer;
  var C = P.COLOURS;
  var query = P.readQuery(location.search);
  var webgl = query.renderer === 'webgl';
  var scene = P.sceneView();
  var fromLonLat = ol.proj.fromLonLat;

  var levels = { l0: P.fetchLevel('l0') };
  var storyPromise = P.fetchStory();
  var geojsonFormat = new ol.format.GeoJSON({ featureProjection: 'EPSG:3857' });

  // ---- basemap (Canvas) -----------------------------------------------------------------------------------
  function fill(colour) { return new ol.style.Fill({ color: colour }); }
  function stroke(colour, width, dash, cap) {
    return new ol.style.Stroke({ color: colour, width: width, lineDash: dash || undefined, lineCap: cap || 'round' });
  }
  var STYLES = {
    tajikistan: new ol.style.Style({ fill: fill(C.tajikistan) }),
    land: new ol.style.Style({ fill: fill(C.land) }),
    xinjiang: new ol.style.Style({ fill: fill(C.xinjiang) }),
    wakhan: new ol.style.Style({ fill: fill(C.wakhan), stroke: stroke(C.wakhanEdge, 1.4, [5, 3], 'butt') }),
    province: new ol.style.Style({ stroke: stroke(C.province, 1.1, [1, 3], 'round') }),
    border: new ol.style.Style({ stroke: stroke(C.border, 0.9) }),
    storyBorder: new ol.style.Style({ stroke: stroke(C.storyBorder, 2.4) }),
    coast: new ol.style.Style({ stroke: stroke(C.coast, 0.8) }),
  };
  function basemapStyle(feature) {
    switch (feature.get('layer')) {
      case 'countries': return feature.get('id') === 'TJK' ? STYLES.tajikistan : STYLES.land;
      case 'xinjiang': return STYLES.xinjiang;
      case 'wakhan': return STYLES.wakhan;
      case 'gbao':
      case 'badakhshan': return STYLES.province;
      case 'borders': return feature.get('kind') === 'story' ? STYLES.storyBorder : STYLES.border;
      case 'coast': return STYLES.coast;
      default: return STYLES.border;
    }
  }
  function basemapSource(geojson) {
    return new ol.source.Vector({
      features: geojsonFormat.readFeatures({ type: 'FeatureCollection', features: P.sortedFeatures(geojson) }),
      attributions: 'Boundaries: Natural Earth (de facto, approximate)',
    });
  }
  var basemap = new ol.layer.Vector({ style: basemapStyle, zIndex: 0 });

  // ---- the synthetic workload: N point features and one line ---------------------------------------------
  var data = P.synthetic(query.n, query.seed);
  var pointFeatures = new Array(data.count);
  for (var i = 0; i < data.count; i++) {
    pointFeatures[i] = new ol.Feature(new ol.geom.Point(fromLonLat([data.points[2 * i], data.points[2 * i + 1]])));
  }
  var lineCoords = new Array(data.count);
  for (var j = 0; j < data.count; j++) lineCoords[j] = fromLonLat([data.line[2 * j], data.line[2 * j + 1]]);
  var pointSource = new ol.source.Vector({ features: pointFeatures });
  var lineSource = new ol.source.Vector({ features: data.count > 1 ? [new ol.Feature(new ol.geom.LineString(lineCoords))] : [] });
  pointFeatures = null;
  lineCoords = null;

  var syntheticLayers = webgl
    ? [
      new ol.layer.WebGLVector({ source: lineSource, zIndex: 1, disableHitDetection: true,
        style: { 'stroke-color': C.syntheticLine, 'stroke-width': 2 } }),
      new ol.layer.WebGLVector({ source: pointSource, zIndex: 2, disableHitDetection: true,
        style: { 'circle-radius': 3, 'circle-fill-color': C.syntheticPoint } }),
    ]
    : [
      new ol.layer.Vector({ source: lineSource, zIndex: 1, style: new ol.style.Style({ stroke: stroke(C.syntheticLine, 2) }) }),
      new ol.layer.Vector({ source: pointSource, zIndex: 2,
        style: new ol.style.Style({ image: new ol.style.Circle({ radius: 3, fill: fill(C.syntheticPoint) }) }) }),
    ];

  // ---- the map, in the scene's view (OpenLayers' zoom in EPSG:3857 is the web-map zoom) ---------------------
  var container = document.getElementById('map');
  var view = new ol.View({ center: fromLonLat([scene.lon, scene.lat]), zoom: scene.zoom, enableRotation: false });
  var map = new ol.Map({ target: container, layers: [basemap].concat(syntheticLayers), view: view });

  var shownLevel = null;
  var wantedLevel = 'l0';
  function showLevel(level) {
    wantedLevel = level;
    if (!levels[level]) levels[level] = P.fetchLevel(level);
    return levels[level].then(function (geojson) {
      if (wantedLevel !== level || shownLevel === level) return;
      basemap.setSource(basemapSource(geojson));
      shownLevel = level;
      P.setMapState(container, undefined, level);
    });
  }

  // ---- story sites: DOM overlays, and one popup overlay ------------------------------------------------------
  var popupElement = document.createElement('div');
  popupElement.className = 'site-popup-frame';
  popupElement.setAttribute('role', 'dialog');
  popupElement.hidden = true;
  var closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.className = 'site-popup-close';
  closeButton.setAttribute('aria-label', 'Close popup');
  closeButton.textContent = '×';
  popupElement.appendChild(closeButton);
  var popupBody = document.createElement('div');
  popupElement.appendChild(popupBody);
  var popup = new ol.Overlay({ element: popupElement, positioning: 'bottom-center', offset: [0, -16], stopEvent: true });
  map.addOverlay(popup);
  function closePopup() {
    popup.setPosition(undefined);
    popupElement.hidden = true;
    popupElement.removeAttribute('data-popup-for');
  }
  closeButton.addEventListener('click', closePopup);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePopup(); });
  map.on('click', closePopup); // a click on the map (not on an overlay) closes it

  function openPopup(feature) {
    popupBody.replaceChildren(P.popupContent(feature));
    popupElement.setAttribute('data-popup-for', feature.id);
    popupElement.hidden = false;
    popup.setPosition(fromLonLat(feature.properties.anchor));
  }

  function addMarkers(story) {
    P.storySites(story).forEach(function (feature) {
      var el = P.markerElement(feature);
      el.addEventListener('click', function () { openPopup(feature); });
      el.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openPopup(feature); } });
      map.addOverlay(new ol.Overlay({ element: el, position: fromLonLat(feature.properties.anchor), positioning: 'center-center', stopEvent: true }));
    });
  }

  P.expose({
    library: 'OpenLayers ' + ol.util.VERSION + ' (' + (webgl ? 'WebGL' : 'Canvas') + ' vector layers)',
    view: function () {
      var c = ol.proj.toLonLat(view.getCenter());
      var size = map.getSize();
      return { lon: c[0], lat: c[1], zoom: view.getZoom(), width: size[0], height: size[1] };
    },
    // The point features in the view's extent, by the source's spatial index.
    drawnPoints: function () {
      var n = 0;
      pointSource.forEachFeatureInExtent(view.calculateExtent(map.getSize()), function () { n += 1; });
      return { count: n, method: 'pointSource.forEachFeatureInExtent(view.calculateExtent())' };
    },
  });

  // ---- assemble, then mark the first complete render ------------------------------------------------------
  Promise.all([showLevel('l0'), storyPromise]).then(function (results) {
    addMarkers(results[1]);
    P.setMapState(container, view.getZoom());
    map.once('rendercomplete', function () {
      view.on('change:resolution', function () { P.setMapState(container, view.getZoom()); });
      map.on('moveend', function () { showLevel(P.levelFor(view.getZoom())); });
      P.markReady();
      // Like the app: the first frame uses l0, then the level the view needs is fetched.
      showLevel(P.levelFor(view.getZoom()));
    });
    map.render();
  }).catch(function (err) {
    console.error('openlayers peer: ' + err);
  });
})();

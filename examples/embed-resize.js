/*
 * article-map embed helper for the host page (the news article that embeds the map).
 *
 * The map, when embedded with ?embed=1, tells its parent page how tall its content is by posting a message:
 *     { "type": "article-map:height", "height": <CSS pixels, a number> }
 * This script listens for those messages and sets the height of the iframe that sent them, so the map never
 * shows scrollbars of its own. A message is accepted only if it comes from the iframe's own window and from
 * the origin of the iframe's src (or the origin named in data-article-map-origin). Nothing else is read.
 *
 * Use: <iframe data-article-map src="https://maps.example.org/article-map/?embed=1" ...></iframe>
 *      <script src="https://maps.example.org/article-map/embed-resize.js" defer></script>
 */
(function () {
  'use strict';
  var MIN = 200;
  var MAX = 4000;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-article-map]'));
  }

  function originOf(frame) {
    var declared = frame.getAttribute('data-article-map-origin');
    if (declared) return declared;
    try {
      return new URL(frame.getAttribute('src'), document.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'article-map:height') return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    frames().forEach(function (frame) {
      if (frame.contentWindow !== event.source) return;
      if (originOf(frame) !== event.origin) return;
      var clamped = Math.max(MIN, Math.min(MAX, Math.ceil(height)));
      frame.style.height = clamped + 'px';
      frame.setAttribute('data-article-map-height', String(clamped));
    });
  });
})();

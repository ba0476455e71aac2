// Slant: paints the article's highlights while the page is still loading, before React hydrates
// (components/annotator/early-paint.ts renders the tag). The script element carries its data in
// `data-paint` as JSON: [label highlight names, overlap name, mark name, [start, end, label index]…],
// offsets only, never article text. It repeats the arithmetic of lib/anchoring/dom.ts and
// components/annotator/highlights.ts in plain ES2017; early-paint.test.ts checks the two agree.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var args = JSON.parse(script.getAttribute('data-paint') || 'null');
  if (!args) return;
  (function (names, overlapName, markName, spans) {
  if (typeof CSS === 'undefined' || !CSS.highlights || typeof Highlight === 'undefined') return;
  var root = document.querySelector('article[data-testid="article-text"]');
  if (!root) return;
  var paragraphs = root.children;
  var starts = [];
  for (var i = 0; i < paragraphs.length; i++) starts.push(Number(paragraphs[i].getAttribute('data-start')));
  function point(offset) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    var p = paragraphs[lo], node = p && p.firstChild;
    if (!node) return p ? [p, 0] : null;
    var text = node.nodeValue, unit = 0, left = offset - starts[lo];
    while (left > 0 && unit < text.length) {
      var c = text.charCodeAt(unit);
      unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length ? 2 : 1;
      left--;
    }
    return [node, unit];
  }
  function range(start, end) {
    var a = point(start), b = point(end);
    if (!a || !b) return null;
    var r = document.createRange();
    r.setStart(a[0], a[1]);
    r.setEnd(b[0], b[1]);
    return r;
  }
  var byLabel = names.map(function () { return new Highlight(); });
  var events = [], count = 0;
  for (var s = 0; s < spans.length; s++) {
    var r = range(spans[s][0], spans[s][1]);
    if (!r) continue;
    byLabel[spans[s][2]].add(r);
    count++;
    events.push([spans[s][0], 1], [spans[s][1], -1]);
  }
  names.forEach(function (name, i) { byLabel[i].priority = i; CSS.highlights.set(name, byLabel[i]); });
  events.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
  var overlap = new Highlight(), depth = 0, openedAt = 0;
  for (var e = 0; e < events.length; e++) {
    var before = depth;
    depth += events[e][1];
    if (before < 2 && depth >= 2) openedAt = events[e][0];
    if (before >= 2 && depth < 2 && events[e][0] > openedAt) { var o = range(openedAt, events[e][0]); if (o) overlap.add(o); }
  }
  overlap.priority = 10;
  CSS.highlights.set(overlapName, overlap);
  requestAnimationFrame(function () { setTimeout(function () { performance.mark(markName, { detail: { count: count, early: true } }); }); });
}).apply(null, args);
})();

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
  if (typeof CSS === 'undefined' || !CSS.highlights || typeof Highlight === 'undefined' || typeof StaticRange === 'undefined') return;
  var root = document.querySelector('article[data-testid="article-text"]');
  if (!root) return;
  var paragraphs = root.querySelectorAll('p[data-line]');
  var starts = [];
  for (var i = 0; i < paragraphs.length; i++) starts.push(Number(paragraphs[i].getAttribute('data-start')));
  // Paragraphs without surrogate pairs (most) count code points and UTF-16 units alike.
  var plain = [];
  function point(offset) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    var p = paragraphs[lo], node = p && p.firstChild;
    if (!node) return p ? [p, 0] : null;
    var text = node.nodeValue, unit = 0, left = offset - starts[lo];
    if (plain[lo] === undefined) plain[lo] = !/[\uD800-\uDFFF]/.test(text);
    if (plain[lo]) return [node, Math.min(left, text.length)];
    while (left > 0 && unit < text.length) {
      var c = text.charCodeAt(unit);
      unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length ? 2 : 1;
      left--;
    }
    return [node, unit];
  }
  // Static ranges: the article's text never changes, and live ranges would make every later DOM
  // change on the page (parsing the rest of it, hydration, React updates) pay for each of them.
  function range(start, end) {
    var a = point(start), b = point(end);
    if (!a || !b) return null;
    return new StaticRange({ startContainer: a[0], startOffset: a[1], endContainer: b[0], endOffset: b[1] });
  }
  var byLabel = names.map(function () { return new Highlight(); });
  // Starts and ends as 2 × position (+ 1 for a start): a numeric sort puts ends before starts.
  var events = new Float64Array(spans.length * 2), n = 0, count = 0;
  for (var s = 0; s < spans.length; s++) {
    var r = range(spans[s][0], spans[s][1]);
    if (!r) continue;
    byLabel[spans[s][2]].add(r);
    count++;
    events[n++] = spans[s][0] * 2 + 1;
    events[n++] = spans[s][1] * 2;
  }
  names.forEach(function (name, i) { byLabel[i].priority = i; CSS.highlights.set(name, byLabel[i]); });
  events = events.subarray(0, n).sort();
  var overlap = new Highlight(), depth = 0, openedAt = 0;
  for (var e = 0; e < n; e++) {
    var pos = Math.floor(events[e] / 2), before = depth;
    depth += events[e] % 2 === 1 ? 1 : -1;
    if (before < 2 && depth >= 2) openedAt = pos;
    if (before >= 2 && depth < 2 && pos > openedAt) { var o = range(openedAt, pos); if (o) overlap.add(o); }
  }
  overlap.priority = 10;
  CSS.highlights.set(overlapName, overlap);
  // The first task after the frame that shows them, as components/annotator/highlights.ts marks it.
  function mark() { performance.mark(markName, { detail: { count: count, early: true } }); }
  requestAnimationFrame(function () {
    if (typeof scheduler !== 'undefined' && scheduler.postTask) scheduler.postTask(mark, { priority: 'user-blocking' });
    else setTimeout(mark);
  });
}).apply(null, args);
})();

/**
 * The SVG's only script: hover details and click-to-zoom. It is a fixed
 * string: no name or number from a profile is ever pasted into it (those
 * travel in escaped attributes), so a hostile frame name cannot become code.
 * Plain ES5, so that any browser that shows SVG runs it.
 */
export const FLAME_SCRIPT = `(function () {
  var svg = document.documentElement;
  var inner = parseFloat(svg.getAttribute("data-inner-width"));
  var pad = parseFloat(svg.getAttribute("data-pad"));
  var charWidth = parseFloat(svg.getAttribute("data-char-width"));
  var frames = Array.prototype.slice.call(document.querySelectorAll("g.f"));
  var details = document.getElementById("details");
  var reset = document.getElementById("reset");
  var idle = details.textContent;
  var root = frames.filter(function (g) { return g.getAttribute("data-d") === "0"; })[0];
  function num(g, key) { return parseFloat(g.getAttribute("data-" + key)); }
  function fit(name, px) {
    var n = Math.floor((px - 6) / charWidth);
    if (n >= name.length) return name;
    return n < 3 ? "" : name.slice(0, n - 2) + "..";
  }
  function place(g, x, w) {
    var rect = g.querySelector("rect");
    var text = g.querySelector("text");
    rect.setAttribute("x", (pad + x * inner).toFixed(2));
    rect.setAttribute("width", (w * inner).toFixed(2));
    text.setAttribute("x", (pad + x * inner + 3).toFixed(2));
    text.textContent = fit(g.getAttribute("data-n"), w * inner);
  }
  function zoom(target) {
    var x = num(target, "x"), w = num(target, "w"), d = num(target, "d"), eps = 1e-9;
    frames.forEach(function (g) {
      var gx = num(g, "x"), gw = num(g, "w"), gd = num(g, "d");
      if (gd >= d && gx >= x - eps && gx + gw <= x + w + eps) {
        g.style.display = "";
        g.classList.remove("above");
        place(g, (gx - x) / w, gw / w);
      } else if (gd < d && gx <= x + eps && gx + gw >= x + w - eps) {
        g.style.display = "";
        g.classList.add("above");
        place(g, 0, 1);
      } else {
        g.style.display = "none";
      }
    });
    reset.style.visibility = d === 0 ? "hidden" : "visible";
  }
  frames.forEach(function (g) {
    var title = g.querySelector("title");
    g.addEventListener("click", function () { zoom(g); });
    g.addEventListener("mouseover", function () { details.textContent = title.textContent; });
    g.addEventListener("mouseout", function () { details.textContent = idle; });
  });
  reset.addEventListener("click", function () { if (root) zoom(root); });
})();
`;

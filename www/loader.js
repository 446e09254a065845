/* binhluan loader: the only file every page view pays for.
 * Finds the mount points, then loads the widget (wasm) from the folder this script came from. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(".", script.src);
  var defaults = script.dataset;

  function options(el) {
    var o = {}, k;
    for (k in defaults) o[k] = defaults[k];
    for (k in el.dataset) if (k !== "binhluan") o[k] = el.dataset[k];
    return o;
  }

  function start() {
    import(new URL("binhluan_core.js", base).href)
      .then(function (m) {
        return m.default({ module_or_path: new URL("binhluan_core_bg.wasm", base) }).then(function () {
          var api = { mount: m.mount, check: m.check, version: m.version() };
          window.binhluan = api;
          document.querySelectorAll("[data-binhluan]").forEach(function (el) {
            try { m.mount(el, options(el)); } catch (e) { console.error("binhluan:", e); }
          });
          document.dispatchEvent(new CustomEvent("binhluan:ready", { detail: api }));
        });
      })
      .catch(function (e) { console.error("binhluan: could not load the widget", e); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

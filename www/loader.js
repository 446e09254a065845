/* binhluan loader: the only file every page view pays for.
 * It finds the mount points (<div data-binhluan> and <binh-luan>), and loads the widget
 * (wasm, from the folder this script came from) when one nears the viewport, or at once with
 * data-load="eager". Options: the script's data-* attributes, then the mount point's own.
 * Where WebAssembly cannot run (missing, too old, refused by the page's policy) each mount
 * point gets a plain form posting to the endpoint instead: never an empty space. */
(function () {
  "use strict";
  // A module script (<script type="module">) has no currentScript: find the tag by its file.
  var script = document.currentScript || [].filter.call(document.scripts, function (s) {
    return /\/binhluan(\.min)?\.js([?#]|$)/.test(s.src);
  })[0];
  if (window.binhluan) return;
  if (!script) {
    console.error("binhluan: cannot find the <script> tag of binhluan.js, so its options and folder are unknown: load it with <script src=\".../binhluan.js\" data-endpoint=\"...\" defer>");
    return;
  }
  var base = new URL(".", script.src);
  var defaults = script.dataset;
  var loading = null;
  var handles = new WeakMap();

  function camel(name) {
    return name.replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); });
  }

  function options(el) {
    var o = {}, k, i, a;
    for (k in defaults) o[k] = defaults[k];
    if (el.localName === "binh-luan") {
      for (i = 0; i < el.attributes.length; i++) {
        a = el.attributes[i];
        // The element's global HTML attributes are not options.
        if (!/^(id|class|style|hidden|title|slot|part|tabindex|dir|role|inert|translate|nonce|aria-.*|on.*)$/.test(a.name))
          o[camel(a.name.replace(/^data-/, ""))] = a.value;
      }
    } else {
      for (k in el.dataset) if (k !== "binhluan") o[k] = el.dataset[k];
    }
    return o;
  }

  // The plain form lives in its own module: only pages that need it pay for it.
  function plain(el) {
    import(new URL("binhluan_plain.js", base).href).then(function (m) {
      if (el.isConnected) m.plain(el, options(el), base);
    });
  }

  function load() {
    if (!loading) {
      loading = import(new URL("binhluan_core.js", base).href).then(function (m) {
        return m.default({ module_or_path: new URL("binhluan_core_bg.wasm", base) }).then(function () {
          var api = { mount: m.mount, check: m.check, version: m.version() };
          window.binhluan = api;
          document.dispatchEvent(new CustomEvent("binhluan:ready", { detail: api }));
          return m;
        });
      });
      loading.catch(function (e) { console.error("binhluan: could not load the widget", e); });
    }
    return loading;
  }

  // Where the module cannot compile (too old an engine, or a policy without
  // 'wasm-unsafe-eval') the load fails, and the plain form comes then.
  function mount(el) {
    if (!window.WebAssembly) return plain(el);
    load().then(function (m) {
      if (!handles.has(el) && el.isConnected) handles.set(el, m.mount(el, options(el)));
    }, function () { plain(el); });
  }

  function unmount(el) {
    var h = handles.get(el);
    if (h) { handles.delete(el); h.destroy(); }
  }

  var eager = defaults.load === "eager" || !("IntersectionObserver" in window);
  var observer = eager ? null : new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { observer.unobserve(e.target); mount(e.target); }
    });
  }, { rootMargin: "800px 0px" });

  function watch(el) {
    if (eager || el.getAttribute("data-load") === "eager" || el.getAttribute("load") === "eager") mount(el);
    else observer.observe(el);
  }

  if (window.customElements && !customElements.get("binh-luan")) {
    customElements.define("binh-luan", class extends HTMLElement {
      connectedCallback() { watch(this); }
      disconnectedCallback() { if (observer) observer.unobserve(this); unmount(this); }
    });
  }

  var watched = new WeakSet();
  function watchOnce(el) {
    if (!watched.has(el)) { watched.add(el); watch(el); }
  }

  function start() {
    var points = document.querySelectorAll("[data-binhluan]");
    points.forEach(watchOnce);
    // A page without a box still gets window.binhluan (the rules alone, for its own forms).
    if (!points.length && !document.querySelector("binh-luan") && window.WebAssembly) load();
    // Mount points added later (an infinite scroll's next article) mount too.
    if ("MutationObserver" in window) {
      new MutationObserver(function (records) {
        records.forEach(function (r) {
          r.addedNodes.forEach(function (n) {
            if (n.nodeType !== 1) return;
            if (n.matches("[data-binhluan]")) watchOnce(n);
            n.querySelectorAll("[data-binhluan]").forEach(watchOnce);
          });
        });
      }).observe(document.documentElement, { childList: true, subtree: true });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

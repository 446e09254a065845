/* binhluan loader: the only file every page view pays for.
 * It finds the mount points (<div data-binhluan> and <binh-luan>), and loads the widget
 * (wasm, from the folder this script came from) when one nears the viewport, or at once with
 * data-load="eager". Options: the script's data-* attributes, then the mount point's own.
 * Where WebAssembly cannot run (missing, too old, refused by the page's policy) each mount
 * point gets a plain form posting to the endpoint instead: never an empty space.
 * The file names below are rewritten by the build to the content-hashed ones. */
(function () {
  var doc = document;
  // A module script (<script type="module">) has no currentScript: find the tag by its file.
  var script = doc.currentScript || [].find.call(doc.scripts, function (s) {
    return /\/binhluan(\.min)?\.js([?#]|$)/.test(s.src);
  });
  if (window.binhluan) return;
  if (!script) return console.error("binhluan: its <script> tag not found");
  var defaults = script.dataset;
  var loading = null;
  var handles = new WeakMap();
  var watched = new WeakSet();
  var eager = defaults.load === "eager" || !("IntersectionObserver" in window);

  function from(name) {
    return import(new URL(name, script.src));
  }

  // What runs only once the widget loads is in its own small module, fetched beside it.
  function start() {
    return from("binhluan_start.js");
  }

  function options(el) {
    return start().then(function (s) { return s.options(el, defaults); });
  }

  // The plain form lives in its own module: only pages that need it pay for it.
  function plain(el) {
    Promise.all([from("binhluan_plain.js"), options(el)]).then(function (r) {
      if (el.isConnected) r[0].plain(el, r[1]);
    });
  }

  // The wasm is fetched and compiled while the glue module loads, not after it. Where
  // streaming compilation is missing or fails (a server sending another type), the glue
  // fetches the file itself.
  function load() {
    if (!loading) {
      var wasm = new URL("binhluan_core_bg.wasm", script.src);
      var module = WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(fetch(wasm)).catch(function () { return wasm; })
        : wasm;
      loading = Promise.all([from("binhluan_core.js"), start()]).then(function (r) {
        return r[0].default({ module_or_path: module }).then(function () { return r[1].ready(r[0]); });
      });
      loading.catch(function (e) { console.error("binhluan: could not load the widget", e); });
    }
    return loading;
  }

  // Where the module cannot compile (too old an engine, or a policy without
  // 'wasm-unsafe-eval') the load fails, and the plain form comes then.
  function mount(el) {
    if (!window.WebAssembly) return plain(el);
    Promise.all([load(), options(el)]).then(function (r) {
      if (!handles.has(el) && el.isConnected) handles.set(el, r[0].mount(el, r[1]));
    }, function () { plain(el); });
  }

  var observer = eager || new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { observer.unobserve(e.target); mount(e.target); }
    });
  }, { rootMargin: "800px 0px" });

  function watch(el) {
    if (eager || (el.dataset.load || el.getAttribute("load")) === "eager") mount(el);
    else observer.observe(el);
  }

  if (window.customElements && !customElements.get("binh-luan")) {
    customElements.define("binh-luan", class extends HTMLElement {
      connectedCallback() { watch(this); }
      disconnectedCallback() {
        var h = handles.get(this);
        if (!eager) observer.unobserve(this);
        if (h) { handles.delete(this); h.destroy(); }
      }
    });
  }

  // Every mount point once, and the article lists' comment counts: at the start, and when
  // added later (an infinite scroll's next article).
  function scan(root) {
    root.querySelectorAll("[data-binhluan]").forEach(function (el) {
      if (!watched.has(el)) { watched.add(el); watch(el); }
    });
    if (root.querySelector("[data-binhluan-count]"))
      from("binhluan_count.js").then(function (m) { m.count(root, defaults); });
  }

  function begin() {
    scan(doc);
    // A page without a box still gets window.binhluan (the rules alone, for its own forms),
    // unless it is an article list showing counts: those need no widget.
    if (!doc.querySelector("[data-binhluan],binh-luan,[data-binhluan-count]") && window.WebAssembly) load();
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        r.addedNodes.forEach(function (n) {
          if (n.nodeType === 1 && n.parentNode) scan(n.parentNode);
        });
      });
    }).observe(doc.documentElement, { childList: true, subtree: true });
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", begin);
  else begin();
})();

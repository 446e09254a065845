/* binhluan start: what the loader needs only once the widget loads (a mount point's options,
 * for the widget and the plain form alike; the page told the widget is ready). Its own
 * module, fetched beside the widget, so that every page view's loader stays small. */

/** The script tag's data-* options (`defaults`), then the mount point's own. */
export function options(el, defaults) {
  const o = { ...defaults };
  if (el.localName === "binh-luan") {
    for (const a of el.attributes)
      // The element's global HTML attributes are not options.
      if (!/^(id|class|style|hidden|title|slot|part|tabindex|dir|role|inert|translate|nonce|aria-.*|on.*)$/.test(a.name))
        o[a.name.replace(/^data-/, "").replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = a.value;
  } else {
    for (const k in el.dataset) if (k !== "binhluan") o[k] = el.dataset[k];
  }
  return o;
}

/** Publishes the loaded glue module `m` as `window.binhluan` and tells the page. */
export function ready(m) {
  const api = { mount: m.mount, check: m.check, version: m.version() };
  window.binhluan = api;
  document.dispatchEvent(new CustomEvent("binhluan:ready", { detail: api }));
  return m;
}

/* binhluan start: what the loader needs only once the widget loads (a mount point's options,
 * for the widget and the plain form alike; the early request for the list's first page; the
 * page told the widget is ready). Its own module, fetched beside the widget, so that every
 * page view's loader stays small. */

// Each mount point's early first page, until the widget mounts it.
const early = new WeakMap();

/** The script tag's data-* options (`defaults`), then the mount point's own; the request
 * for the list's first page goes out now, while the widget loads. */
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
  // An early request is only ever a head start: a page it cannot be made for mounts without.
  try {
    if (window.WebAssembly) early.set(el, firstPage(o));
  } catch {}
  return o;
}

/**
 * The request the widget would send for the first page of the list (src/net.rs `list`): the
 * same URL (the endpoint, `article` = the article id, else the canonical address, else the
 * page's without query and fragment; `page=1`) and the same mode (no redirects, no cache,
 * the box's credentials, its timeout). The widget takes the response only when its URL is
 * the one it would ask, so a difference costs a request, never a wrong list. Undefined when
 * the box lists nothing or its endpoint would be refused (the box says why).
 */
function firstPage(o) {
  const d = document;
  if (/^\s*(false|off|no|0)\s*$/.test(o.list) || !o.endpoint) return;
  const url = new URL(o.endpoint.trim(), d.baseURI);
  const local = /^(localhost|127\.0\.0\.1|\[::1\])$|\.localhost$/.test(url.hostname);
  if (!(url.protocol === "https:" || (url.protocol === "http:" && local && !d.baseURI.startsWith("https:")))) return;
  let article = o.articleId;
  if (article === undefined) {
    const canonical = d.querySelector("link[rel=canonical]");
    const page = new URL(canonical ? canonical.getAttribute("href") : d.URL, d.baseURI);
    if (!canonical) page.search = "";
    page.hash = "";
    article = page.href;
  }
  url.hash = "";
  url.searchParams.set("article", article);
  url.searchParams.set("page", "1");
  const seconds = Number(o.timeout) || 15;
  const response = fetch(url, {
    credentials: o.credentials || "omit",
    redirect: "error",
    cache: "no-store",
    signal: AbortSignal.timeout ? AbortSignal.timeout(seconds * 1000) : undefined,
  });
  // Not taken (the box went before mounting), a failure must not reach the console.
  response.catch(() => {});
  return response;
}

/** Publishes the loaded glue module `m` as `window.binhluan` and tells the page; returns
 * what the loader mounts with (the mount point's early first page passed along). */
export function ready(m) {
  const api = { mount: m.mount, check: m.check, version: m.version() };
  window.binhluan = api;
  document.dispatchEvent(new CustomEvent("binhluan:ready", { detail: api }));
  return {
    mount(el, o) {
      const first = early.get(el);
      early.delete(el);
      return m.mount(el, o, first);
    },
  };
}

/* binhluan counts: fills <span data-binhluan-count="ARTICLE"> on article lists with the number
 * of published comments ("12 bình luận"), from one request to the endpoint's sibling
 * `counts` (`/api/comments` → `/api/counts?article=A&article=B`), without the widget. The
 * loader imports this module only on pages with such spans. Text only, never HTML. */

const TEXTS = { vi: (n) => `${n.toLocaleString("vi")} bình luận`, en: (n) => `${n.toLocaleString("en")} comment${n === 1 ? "" : "s"}` };
// The most articles the endpoint answers for at once.
const MAX_ARTICLES = 100;
// Spans asked about already: a span added later is asked about once, alone.
const asked = new WeakSet();

/** Fills the spans under `root` not asked about yet; `defaults` are the loader's options. */
export function count(root, defaults) {
  const spans = [...root.querySelectorAll("[data-binhluan-count]")].filter((s) => !asked.has(s));
  spans.forEach((s) => asked.add(s));
  const articles = [...new Set(spans.map((s) => s.dataset.binhluanCount.trim()).filter(Boolean))];
  const text = TEXTS[defaults.lang] || TEXTS.vi;
  for (let i = 0; i < articles.length; i += MAX_ARTICLES) {
    const url = new URL("counts", new URL(defaults.endpoint || "", document.baseURI));
    for (const a of articles.slice(i, i + MAX_ARTICLES)) url.searchParams.append("article", a);
    fetch(url, { credentials: "omit", cache: "no-store" })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} from ${url}`))))
      .then(({ counts }) => {
        for (const s of spans) {
          const n = counts[s.dataset.binhluanCount.trim()];
          if (Number.isInteger(n)) {
            // The bare number too, for a site's CSS (`[data-count="0"] { display: none }`).
            s.dataset.count = n;
            s.textContent = text(n);
          }
        }
      })
      .catch((e) => console.warn("binhluan: no comment counts:", e));
  }
}

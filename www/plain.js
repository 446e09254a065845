/* binhluan plain form: what the loader shows where the widget cannot run (no WebAssembly,
 * one too old, or a page policy refusing it). A form posting straight to the endpoint, whose
 * form-post path checks the rules and answers with a page: the reader can still comment,
 * without the live checklist. Same class names as the box, styled by binhluan.css. Built
 * element by element: no option value is ever parsed as HTML. */

const TEXTS = {
  vi: ["Bình luận", "Họ tên", " (không bắt buộc)", "Tối thiểu {n} chữ tiếng Việt có dấu", "Không chứa liên kết", "Gửi bình luận"],
  en: ["Comment", "Name", " (optional)", "At least {n} Vietnamese words with diacritics", "No links", "Post comment"],
};

/** Fills `el` with the plain form for the loader's `options`. */
export function plain(el, options) {
  const d = document;
  const [label, name, optional, words, links, submit] = TEXTS[options.lang] || TEXTS.vi;
  const canonical = d.querySelector("link[rel=canonical]");
  const page = new URL(canonical ? canonical.getAttribute("href") : d.baseURI, d.baseURI);
  page.hash = "";

  const add = (parent, tag, attrs, text) => {
    const e = parent.appendChild(d.createElement(tag));
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  };

  // Without shadow DOM the form goes in the page itself, styled by the page.
  const root = el.attachShadow ? el.shadowRoot || el.attachShadow({ mode: "open" }) : el;
  while (root.firstChild) root.removeChild(root.firstChild);
  if (root !== el) add(root, "link", { rel: "stylesheet", href: new URL("binhluan.css", import.meta.url).href });
  const box = add(root, "div", { class: "box", part: "box plain", "data-theme": options.theme || "auto" });
  const form = add(box, "form", {
    class: "form",
    part: "form",
    method: "post",
    "accept-charset": "utf-8",
    action: new URL(options.endpoint || "", d.baseURI).href,
  });
  const fields = {
    article_id: options.articleId || page.href,
    article_url: options.articleUrl || page.href,
    article_title: options.articleTitle || d.title,
  };
  for (const field in fields) add(form, "input", { type: "hidden", name: field, value: fields[field] });
  if (options.nameField !== "off") {
    const required = options.nameField === "required";
    const who = add(add(form, "div", { class: "who", part: "who" }), "label", {}, required ? name : name + optional);
    const input = add(who, "input", { class: "name", part: "name", name: "name", autocomplete: "name", maxlength: "200" });
    if (required) input.required = true;
  }
  add(form, "label", { class: "label", part: "label", for: "text" }, label);
  add(form, "textarea", { class: "textarea", part: "textarea", id: "text", name: "content", lang: "vi", rows: "5", required: "" });
  const rules = add(form, "ul", { class: "rules", part: "rules" });
  add(rules, "li", {}, words.replace("{n}", options.minWords || 10));
  add(rules, "li", {}, links);
  // The honeypot, as in the box: people never see it.
  add(add(form, "div", { hidden: "", "aria-hidden": "true" }), "input", { name: "website", tabindex: "-1", autocomplete: "off" });
  add(add(form, "div", { class: "actions", part: "actions" }), "button", { class: "submit", part: "submit", type: "submit" }, submit);
  el.dispatchEvent(new CustomEvent("binhluan:plain", { bubbles: true }));
}

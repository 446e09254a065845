//! binhluan: a Vietnamese comment box, compiled to WebAssembly.
//!
//! This crate is the browser widget: the `#[wasm_bindgen]` surface the loader script calls.
//! The rules themselves ("Tối thiểu 10 chữ tiếng Việt có dấu", "Không chứa liên kết") are
//! the plain-Rust crate `binhluan-rules`, which the server runs natively too. One module owns
//! each outside thing: `view` the DOM, `net` the network, `draft` the storage.
#![deny(missing_docs)]

mod comment_box;
mod config;
mod draft;
mod events;
mod i18n;
mod net;
mod view;

use binhluan_rules as rules;
use comment_box::CommentBox;
use config::{Config, ConfigWarning, EndpointError, PageContext};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// A mounted comment box. `destroy()` (or dropping it) removes its listeners, its timers
/// and its DOM.
#[wasm_bindgen]
pub struct Handle {
    host: Element,
    /// None when the configuration was refused (the host shows only the message).
    comment_box: Option<Rc<CommentBox>>,
}

#[wasm_bindgen]
impl Handle {
    /// Removes the box from the page.
    pub fn destroy(self) {
        // The work is in `Drop`, so that freeing the handle from JavaScript does the same.
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        match &self.comment_box {
            Some(comment_box) => comment_box.destroy(),
            None => {
                if let Some(root) = self.host.shadow_root() {
                    root.replace_children_with_node_0();
                }
            }
        }
    }
}

/// Mounts a comment box into `element` (inside an open shadow root). It never throws: an
/// option it cannot take is left at its default with a console warning; only an endpoint
/// it cannot post to stops the box, which then shows readers a short neutral line while
/// the console tells the site owner how to fix it, and the element receives
/// `binhluan:error` with `{code, option}`. `first_page` is the loader's: its request for the
/// first page of the list, sent while the widget loaded (a `Promise<Response>`, used only
/// when it answers the very URL the box would ask).
#[wasm_bindgen]
pub fn mount(element: &Element, options: JsValue, first_page: Option<js_sys::Promise>) -> Handle {
    let config = match page_context(element) {
        Some(page) => {
            let loaded = Config::from_js(&options, &page);
            for warning in &loaded.warnings {
                warn(warning);
            }
            loaded.config
        }
        None => Err(EndpointError::NotUrl),
    };
    let mounted = config
        .map_err(|e| report(element, &options, &e))
        .ok()
        .and_then(|config| CommentBox::mount(element, config, first_page).ok());
    Handle {
        host: element.clone(),
        comment_box: mounted,
    }
}

/// Checks `text` against the rules in `options` (`minWords`, `maxLength`, `emailsAreLinks`;
/// the other options are not read) and returns the verdict as a plain object (docs/rules.md).
/// A bad value among the three gives the default rules.
#[wasm_bindgen]
pub fn check(text: &str, options: JsValue) -> JsValue {
    let rules = config::rules_from_js(&options).unwrap_or_default();
    serde_wasm_bindgen::to_value(&rules::check(text, &rules)).unwrap_or(JsValue::NULL)
}

/// The version of binhluan.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

fn page_context(element: &Element) -> Option<PageContext> {
    let document = element.owner_document()?;
    let base_uri = document.base_uri().ok()??;
    // The article is the canonical URL, else the page's own address without its query
    // and fragment: tracking parameters (utm_*, fbclid) must not split one thread in two.
    let canonical = document
        .query_selector("link[rel=canonical]")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| web_sys::Url::new_with_base(&href, &base_uri).ok())
        .or_else(|| {
            let page = web_sys::Url::new(&document.url().ok()?).ok()?;
            page.set_search("");
            Some(page)
        })
        .map(|url| {
            url.set_hash("");
            url.href()
        })
        .unwrap_or_default();
    Some(PageContext {
        base_uri,
        canonical,
        title: document.title(),
    })
}

/// Tells the site owner, in the console, about an option the box left out.
fn warn(warning: &ConfigWarning) {
    let mut line = String::from("binhluan: ");
    match warning {
        ConfigWarning::Unknown { name, closest } => {
            line.push_str("unknown option \"");
            line.push_str(name);
            line.push_str("\" (");
            line.push_str(&config::attribute_name(name));
            line.push_str(") is ignored");
            if let Some(known) = closest {
                line.push_str("; did you mean \"");
                line.push_str(known);
                line.push_str("\" (");
                line.push_str(&config::attribute_name(known));
                line.push_str(")?");
            }
        }
        ConfigWarning::BadValue { name, allowed } => {
            line.push_str("option \"");
            line.push_str(name);
            line.push_str("\" (");
            line.push_str(&config::attribute_name(name));
            line.push_str(") has a value it cannot take, so its default is used; it may be ");
            line.push_str(allowed);
        }
    }
    web_sys::console::warn_1(&JsValue::from_str(&line));
}

/// A box that cannot post: readers see a short neutral line, the console tells the site
/// owner the value, what is allowed and how to fix it, and the page gets `binhluan:error`.
fn report(element: &Element, options: &JsValue, error: &EndpointError) {
    let texts = config::texts_for(options);
    let _ = view::View::broken(element, texts.get(i18n::Text::EndpointError));
    let given = js_sys::Reflect::get(options, &"endpoint".into()).unwrap_or(JsValue::UNDEFINED);
    let mut line = String::from("binhluan: the comment box is off: ");
    line.push_str(error.fix());
    line.push_str(" (");
    line.push_str(error.code());
    line.push_str(", endpoint given: ");
    web_sys::console::error_3(&JsValue::from_str(&line), &given, &JsValue::from_str(")"));
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"code".into(), &error.code().into());
    let _ = js_sys::Reflect::set(&detail, &"option".into(), &"endpoint".into());
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &JsValue::from_str(error.fix()));
    events::dispatch(element, "binhluan:error", &detail);
}

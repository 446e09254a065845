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
use config::{Config, ConfigError, PageContext};
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

/// Mounts a comment box into `element` (inside an open shadow root). A bad configuration
/// never throws: the box shows what is wrong, the console says it too, and the element
/// receives `binhluan:error` with `{code, option}`.
#[wasm_bindgen]
pub fn mount(element: &Element, options: JsValue) -> Handle {
    let mounted = page_context(element)
        .ok_or(ConfigError::BadEndpoint)
        .and_then(|page| Config::from_js(&options, &page))
        .map_err(|e| report(element, &options, &e))
        .ok()
        .and_then(|config| CommentBox::mount(element, config).ok());
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
    let canonical = document
        .query_selector("link[rel=canonical]")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| web_sys::Url::new_with_base(&href, &base_uri).ok())
        .or_else(|| web_sys::Url::new(&base_uri).ok())
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

/// Shows a configuration error in the box and the console, and tells the page.
fn report(element: &Element, options: &JsValue, error: &ConfigError) {
    let texts = config::texts_for(options);
    let mut message = texts.get(i18n::Text::ConfigError).to_owned();
    message.push_str(" (");
    message.push_str(error.code());
    message.push_str(": ");
    message.push_str(error.option());
    message.push(')');
    let _ = view::View::broken(element, &message);
    web_sys::console::error_2(&"binhluan:".into(), &JsValue::from_str(&message));
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"code".into(), &error.code().into());
    let _ = js_sys::Reflect::set(&detail, &"option".into(), &error.option().into());
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &JsValue::from_str(&message));
    events::dispatch(element, "binhluan:error", &detail);
}

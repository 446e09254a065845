//! The browser part: the `#[wasm_bindgen]` surface the loader script calls.

mod events;
mod view;

use crate::rules::{self, Rules};
use wasm_bindgen::prelude::*;

/// A mounted comment box. Dropping it (or calling `destroy`) removes its listeners and DOM.
#[wasm_bindgen]
pub struct Handle {
    // Held for its `Drop`: removes the DOM and the listeners.
    _view: view::View,
}

#[wasm_bindgen]
impl Handle {
    /// Removes the box from the page.
    pub fn destroy(self) {
        drop(self);
    }
}

/// Mounts a comment box into `element` (inside an open shadow root).
#[wasm_bindgen]
pub fn mount(element: &web_sys::Element, options: JsValue) -> Result<Handle, JsValue> {
    let rules = rules_from(&options);
    let view = view::View::mount(element, rules)?;
    Ok(Handle { _view: view })
}

/// Checks `text` against the rules in `options` and returns the verdict as a plain object.
#[wasm_bindgen]
pub fn check(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let verdict = rules::check(text, &rules_from(&options));
    serde_wasm_bindgen::to_value(&verdict).map_err(JsValue::from)
}

/// The version of binhluan.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

/// Reads the rules' options (`minWords`) from a JS object; anything absent keeps its default.
fn rules_from(options: &JsValue) -> Rules {
    let mut rules = Rules::default();
    if let Some(n) = js_sys::Reflect::get(options, &"minWords".into())
        .ok()
        .and_then(|v| v.as_f64().or_else(|| v.as_string()?.parse().ok()))
    {
        rules.min_words = n.clamp(0.0, 1000.0) as u32;
    }
    rules
}

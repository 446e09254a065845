//! Drafts in `localStorage`, one per article: the only module that touches storage.
//! A draft is removed only after the server accepted the comment.

use wasm_bindgen::{JsCast, JsValue};

/// What the reader has typed and not yet had accepted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The comment.
    pub content: String,
    /// The name field.
    pub name: String,
    /// The e-mail field.
    pub email: String,
    /// The idempotency key of this comment: the same across retries and reloads.
    pub key: String,
    /// When the reader first typed this comment (ms since the epoch; 0 when unknown), so
    /// the typing time sent with it survives a reload.
    pub started: f64,
}

impl Draft {
    /// True when there is nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        self.content.trim().is_empty()
            && self.name.trim().is_empty()
            && self.email.trim().is_empty()
    }
}

/// The storage key of `article_id`'s draft.
pub fn storage_key(article_id: &str) -> String {
    let mut key = String::from("binhluan:draft:");
    key.push_str(article_id);
    key
}

fn storage() -> Option<web_sys::Storage> {
    // Storage may be disabled (privacy settings, sandboxed iframes): then drafts are off.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft of `article_id`, if any.
pub fn load(article_id: &str) -> Option<Draft> {
    let raw = storage()?.get_item(&storage_key(article_id)).ok()??;
    parse(&raw)
}

/// Parses a stored draft (also what a `storage` event from another tab carries).
pub fn parse(raw: &str) -> Option<Draft> {
    let value = js_sys::JSON::parse(raw).ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let draft = Draft {
        content: field("content"),
        name: field("name"),
        email: field("email"),
        key: field("key"),
        started: js_sys::Reflect::get(&value, &JsValue::from_str("started"))
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|t| t.is_finite() && *t > 0.0)
            .unwrap_or(0.0),
    };
    (!draft.is_empty()).then_some(draft)
}

/// Saves `draft` (or removes it when empty). False when storage refused (quota, disabled).
pub fn save(article_id: &str, draft: &Draft) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    let key = storage_key(article_id);
    if draft.is_empty() {
        return storage.remove_item(&key).is_ok();
    }
    let object = js_sys::Object::new();
    for (name, value) in [
        ("content", &draft.content),
        ("name", &draft.name),
        ("email", &draft.email),
        ("key", &draft.key),
    ] {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    let _ = js_sys::Reflect::set(
        &object,
        &JsValue::from_str("started"),
        &JsValue::from_f64(draft.started),
    );
    let Ok(json) = js_sys::JSON::stringify(&object) else {
        return false;
    };
    json.dyn_ref::<js_sys::JsString>()
        .and_then(|s| s.as_string())
        .is_some_and(|json| storage.set_item(&key, &json).is_ok())
}

/// Removes the draft of `article_id` (after the server accepted it).
pub fn clear(article_id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&storage_key(article_id));
    }
}

//! Drafts in `localStorage`, one per box of an article: the only module that touches storage.
//! A draft is removed only after the server accepted the comment. The name a reader gave is
//! kept too, for their next comment.

use std::cell::RefCell;
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
    /// When it was last edited (ms since the epoch; 0 when unknown): two tabs of one article
    /// keep the newest edit.
    pub edited: f64,
}

impl Draft {
    /// True when there is nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        self.content.trim().is_empty()
            && self.name.trim().is_empty()
            && self.email.trim().is_empty()
    }
}

thread_local! {
    /// The draft keys of the boxes mounted on this page.
    static IN_USE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The storage key of `article_id`'s draft.
pub fn storage_key(article_id: &str) -> String {
    let mut key = String::from("binhluan:draft:");
    key.push_str(article_id);
    key
}

/// The draft key of a box of `article_id` mounted now: the article's own key, or, when another
/// box of this page already writes to it, the next free `…#2`, `…#3`, so that two boxes of
/// one article never share a draft (each finds its own again after a reload, in page order).
pub fn claim(article_id: &str) -> String {
    IN_USE.with(|used| {
        let mut used = used.borrow_mut();
        let base = storage_key(article_id);
        let mut key = base.clone();
        let mut n = 1;
        while used.contains(&key) {
            n += 1;
            key.clone_from(&base);
            key.push('#');
            crate::i18n::push_number(&mut key, n);
        }
        used.push(key.clone());
        key
    })
}

/// Gives back a key taken with [`claim`] (the box was destroyed).
pub fn release(key: &str) {
    IN_USE.with(|used| used.borrow_mut().retain(|k| k != key));
}

fn storage() -> Option<web_sys::Storage> {
    // Storage may be disabled (privacy settings, sandboxed iframes): then drafts are off.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The draft saved under `key`, if any.
pub fn load(key: &str) -> Option<Draft> {
    let raw = storage()?.get_item(key).ok()??;
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
        edited: js_sys::Reflect::get(&value, &JsValue::from_str("edited"))
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|t| t.is_finite() && *t > 0.0)
            .unwrap_or(0.0),
    };
    (!draft.is_empty()).then_some(draft)
}

/// Saves `draft` under `key` (or removes it when empty). False when storage refused (quota,
/// disabled).
pub fn save(key: &str, draft: &Draft) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    if draft.is_empty() {
        return storage.remove_item(key).is_ok();
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
        &JsValue::from_str("edited"),
        &JsValue::from_f64(draft.edited),
    );
    let Ok(json) = js_sys::JSON::stringify(&object) else {
        return false;
    };
    json.dyn_ref::<js_sys::JsString>()
        .and_then(|s| s.as_string())
        .is_some_and(|json| storage.set_item(key, &json).is_ok())
}

/// Removes the draft under `key` (after the server accepted it).
pub fn clear(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Where the reader's name is kept between comments.
const NAME_KEY: &str = "binhluan:name";

/// The name the reader gave with their last comment on this site.
pub fn remembered_name() -> Option<String> {
    storage()?
        .get_item(NAME_KEY)
        .ok()?
        .filter(|n| !n.trim().is_empty())
}

/// Keeps `name` for the reader's next comment (or forgets it when empty).
pub fn remember_name(name: &str) {
    if let Some(storage) = storage() {
        let _ = if name.trim().is_empty() {
            storage.remove_item(NAME_KEY)
        } else {
            storage.set_item(NAME_KEY, name.trim())
        };
    }
}

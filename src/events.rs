//! Event listeners that are removed when dropped (as gloo's `EventListener`).

use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget};

/// A listener on `target` for `kind`, removed from the target when dropped: whoever adds a
/// listener owns it, so a box that is dropped leaves nothing behind on the page.
#[must_use = "a listener is removed as soon as it is dropped"]
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Adds `callback` as a listener for `kind` events on `target`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        callback: impl FnMut(Event) + 'static,
    ) -> Self {
        let callback = Closure::<dyn FnMut(Event)>::new(callback);
        // Adding a listener to a live target cannot fail.
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Self {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// A `setTimeout` that is cleared when dropped.
#[must_use = "a timeout is cleared as soon as it is dropped"]
pub struct Timeout {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timeout {
    /// Runs `callback` once after `ms` milliseconds, unless dropped first.
    pub fn new(ms: i32, callback: impl FnOnce() + 'static) -> Self {
        let callback = Closure::once(callback);
        let id = web_sys::window()
            .and_then(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    ms,
                )
                .ok()
            })
            .unwrap_or(0);
        Self {
            id,
            _callback: callback,
        }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.id);
        }
    }
}

/// Dispatches a bubbling `CustomEvent` of `kind` with `detail` on `target`.
pub fn dispatch(target: &EventTarget, kind: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(kind, &init) {
        let _ = target.dispatch_event(&event);
    }
}

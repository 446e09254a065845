//! The DOM of one comment box, inside an open shadow root. Text goes in as text only.

use super::events::Listener;
use crate::rules::{self, Rules};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlTextAreaElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The mounted box: its elements and listeners.
pub struct View {
    root: ShadowRoot,
    _on_input: Listener,
}

impl View {
    /// Builds the box in `host`'s shadow root and wires the live counter.
    pub fn mount(host: &Element, rules: Rules) -> Result<View, JsValue> {
        let document = host.owner_document().ok_or("binhluan: no document")?;
        let root = match host.shadow_root() {
            Some(root) => root,
            None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
        };
        let create = |tag: &str, part: &str| -> Result<Element, JsValue> {
            let el = document.create_element(tag)?;
            el.set_attribute("part", part)?;
            Ok(el)
        };
        let form = create("form", "form")?;
        let label = create("label", "label")?;
        label.set_attribute("for", "binhluan-text")?;
        label.set_text_content(Some("Bình luận"));
        let textarea: HtmlTextAreaElement = create("textarea", "textarea")?.dyn_into()?;
        textarea.set_id("binhluan-text");
        textarea.set_attribute("aria-describedby", "binhluan-count")?;
        let counter = create("p", "counter")?;
        counter.set_id("binhluan-count");
        counter.set_attribute("aria-live", "polite")?;
        let submit = create("button", "submit")?;
        submit.set_attribute("type", "submit")?;
        submit.set_text_content(Some("Gửi bình luận"));
        for child in [&label, textarea.as_ref(), &counter, &submit] {
            form.append_child(child)?;
        }
        root.replace_children_with_node_1(&form);

        let counter = Rc::new(counter);
        let show = {
            let counter = Rc::clone(&counter);
            move |text: &str| {
                let verdict = rules::check(text, &rules);
                let mut line = verdict.words.to_string();
                line.push('/');
                line.push_str(&verdict.min_words.to_string());
                line.push_str(" chữ");
                counter.set_text_content(Some(&line));
            }
        };
        show(&textarea.value());
        let on_input = {
            let source = textarea.clone();
            let target: &web_sys::EventTarget = textarea.as_ref();
            Listener::new(target, "input", move |_| show(&source.value()))
        };
        Ok(View {
            root,
            _on_input: on_input,
        })
    }
}

impl Drop for View {
    fn drop(&mut self) {
        self.root.replace_children_with_node_0();
    }
}

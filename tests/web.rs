//! The widget in a real browser (`wasm-pack test --headless --chrome -- --test web`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn inside(host: &Element, selector: &str) -> Element {
    host.shadow_root()
        .expect("the box renders in a shadow root")
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in the box"))
}

fn type_text(host: &Element, text: &str) {
    let textarea: HtmlTextAreaElement = inside(host, "textarea").dyn_into().unwrap();
    textarea.set_value(text);
    textarea
        .dispatch_event(&Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
fn mount_renders_the_box_and_the_counter_follows_input() {
    let host = mount_point();
    let _handle = binhluan::widget::mount(&host, js_sys::Object::new().into()).unwrap();
    let counter = inside(&host, "[part=counter]");
    assert_eq!(counter.text_content().unwrap(), "0/10 chữ");
    type_text(&host, "Bài viết rất hay và bổ ích cho mọi người");
    assert_eq!(counter.text_content().unwrap(), "10/10 chữ");
}

#[wasm_bindgen_test]
fn destroy_removes_the_box_and_its_listener() {
    let host = mount_point();
    let handle = binhluan::widget::mount(&host, js_sys::Object::new().into()).unwrap();
    let textarea = inside(&host, "textarea");
    handle.destroy();
    assert!(host.shadow_root().unwrap().first_child().is_none());
    // The detached textarea no longer drives anything; dispatching must not panic.
    textarea
        .dispatch_event(&Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
fn min_words_option_is_read_from_the_options_object() {
    let host = mount_point();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"minWords".into(), &"12".into()).unwrap();
    let _handle = binhluan::widget::mount(&host, options.into()).unwrap();
    assert_eq!(
        inside(&host, "[part=counter]").text_content().unwrap(),
        "0/12 chữ"
    );
}

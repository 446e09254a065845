//! Helpers of the browser tests (`tests/web.rs`, `tests/web_hostile.rs`): mounting a box,
//! finding its parts, typing, waiting, and a `fetch` stub recording every request.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, HtmlTextAreaElement};

pub fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

pub fn mount_point() -> Element {
    let document = window().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Options as a site would give them: `(name, value)` string pairs, like data attributes.
pub fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in pairs {
        js_sys::Reflect::set(&object, &(*name).into(), &(*value).into()).unwrap();
    }
    object.into()
}

/// A unique article id per test, so drafts of parallel tests never mix.
pub fn article(test: &str) -> String {
    let mut id = String::from("test-");
    id.push_str(test);
    id
}

pub fn mount(test: &str, extra: &[(&str, &str)]) -> (Element, binhluan::Handle) {
    let host = mount_point();
    let id = article(test);
    let mut pairs = vec![
        ("endpoint", "https://comments.example/api/comments"),
        ("articleId", id.as_str()),
        ("list", "off"),
    ];
    pairs.extend_from_slice(extra);
    let handle = binhluan::mount(&host, options(&pairs), None);
    (host, handle)
}

pub fn find(host: &Element, selector: &str) -> Element {
    host.shadow_root()
        .expect("the box renders in a shadow root")
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in the box"))
}

pub fn text_of(host: &Element, selector: &str) -> String {
    find(host, selector).text_content().unwrap_or_default()
}

pub fn state_of(host: &Element, rule: &str) -> String {
    let mut selector = String::from("[data-rule=");
    selector.push_str(rule);
    selector.push(']');
    find(host, &selector).get_attribute("data-state").unwrap()
}

pub fn textarea(host: &Element) -> HtmlTextAreaElement {
    find(host, "textarea").dyn_into().unwrap()
}

/// Types `text` as one input event; `composing` as an IME would while a word is open.
pub fn type_text(host: &Element, text: &str, composing: bool) {
    let textarea = textarea(host);
    textarea.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_is_composing(composing);
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    textarea.dispatch_event(&event).unwrap();
}

pub fn fire(host: &Element, selector: &str, kind: &str) {
    find(host, selector)
        .dispatch_event(&Event::new(kind).unwrap())
        .unwrap();
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits up to `ms` for `done`.
pub async fn wait_for(ms: i32, done: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 20 {
        if done() {
            return true;
        }
        sleep(20).await;
    }
    done()
}

/// Submits the box's form with the event a browser sends (bubbling and cancelable), and
/// checks the box cancelled it: an untrusted `submit` that is not cancelable makes Firefox
/// submit the form itself, reloading the test page.
pub fn submit(host: &Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = Event::new_with_event_init_dict("submit", &init).unwrap();
    let went_on = find(host, "form").dispatch_event(&event).unwrap();
    assert!(!went_on, "the box lets the browser submit its form");
}

/// Submits the box's form and waits up to `ms` for its status line to say `status`.
pub async fn submit_and_wait_for_status(host: &Element, status: &str, ms: i32) -> bool {
    submit(host);
    wait_for(ms, || text_of(host, "[role=status]") == status).await
}

/// Replaces `window.fetch` with a stub answering each call with the next `(status, body)`
/// (the last one repeats) and recording `[url, init]` in `window.__calls`.
pub fn stub_fetch(replies: &[(u16, &str)]) {
    stub_fetch_with_list(replies, None);
}

/// [`stub_fetch`], answering a `GET` (the published comments) with `list` when given.
pub fn stub_fetch_with_list(replies: &[(u16, &str)], list: Option<&str>) {
    let queue = js_sys::Array::new();
    for (status, body) in replies {
        queue.push(&js_sys::Array::of2(
            &JsValue::from(*status),
            &(*body).into(),
        ));
    }
    js_sys::Reflect::set(&window(), &"__replies".into(), &queue).unwrap();
    js_sys::Reflect::set(
        &window(),
        &"__list".into(),
        &list.map_or(JsValue::NULL, JsValue::from),
    )
    .unwrap();
    js_sys::Reflect::set(&window(), &"__calls".into(), &js_sys::Array::new()).unwrap();
    if !js_sys::Reflect::has(&window(), &"__fetch".into()).unwrap() {
        let fetch = js_sys::Reflect::get(&window(), &"fetch".into()).unwrap();
        js_sys::Reflect::set(&window(), &"__fetch".into(), &fetch).unwrap();
    }
    let stub = js_sys::Function::new_with_args(
        "url, init",
        "window.__calls.push([String(url), init]);
         const r = init && init.method === 'GET' && window.__list !== null ? [200, window.__list]
           : window.__replies.length > 1 ? window.__replies.shift() : window.__replies[0];
         return Promise.resolve(new Response(r[1], {status: r[0], headers: {'content-type': 'application/json'}}));",
    );
    js_sys::Reflect::set(&window(), &"fetch".into(), &stub).unwrap();
}

/// The browser's own `fetch`, for a real request whatever stub is in place.
pub fn real_fetch(url: &str) -> js_sys::Promise {
    let fetch = js_sys::Reflect::get(&window(), &"__fetch".into())
        .ok()
        .filter(|f| f.is_function())
        .unwrap_or_else(|| js_sys::Reflect::get(&window(), &"fetch".into()).unwrap());
    let fetch: js_sys::Function = fetch.unchecked_into();
    fetch
        .call1(&window(), &url.into())
        .unwrap()
        .unchecked_into()
}

pub fn calls() -> js_sys::Array {
    js_sys::Reflect::get(&window(), &"__calls".into())
        .unwrap()
        .unchecked_into()
}

pub fn call_header(call: u32, name: &str) -> Option<String> {
    let init = js_sys::Array::from(&calls().get(call)).get(1);
    let headers: web_sys::Headers = js_sys::Reflect::get(&init, &"headers".into())
        .unwrap()
        .unchecked_into();
    headers.get(name).unwrap()
}

pub fn call_body(call: u32) -> JsValue {
    let init = js_sys::Array::from(&calls().get(call)).get(1);
    let body = js_sys::Reflect::get(&init, &"body".into())
        .unwrap()
        .as_string()
        .unwrap();
    js_sys::JSON::parse(&body).unwrap()
}

pub fn get(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &name.into()).unwrap()
}

/// Records the `detail` of every `kind` event that reaches `target`.
pub fn record_events(target: &Element, kind: &str) -> js_sys::Array {
    let seen = js_sys::Array::new();
    let recorder = js_sys::Function::new_with_args("seen", "return (e) => seen.push(e.detail)")
        .call1(&JsValue::NULL, &seen)
        .unwrap();
    target
        .add_event_listener_with_callback(kind, recorder.unchecked_ref())
        .unwrap();
    seen
}

/// The content of the draft stored for `test`'s article, then removes the draft.
pub fn take_draft(test: &str) -> Option<String> {
    let storage = window().local_storage().unwrap().unwrap();
    let mut key = String::from("binhluan:draft:");
    key.push_str(&article(test));
    let raw = storage.get_item(&key).unwrap()?;
    storage.remove_item(&key).unwrap();
    get(&js_sys::JSON::parse(&raw).unwrap(), "content").as_string()
}

/// Records what the page writes with `console.<level>` (still writing it), as one array of
/// the arguments of each call.
pub fn record_console(level: &str) -> js_sys::Array {
    let seen = js_sys::Array::new();
    js_sys::Function::new_with_args(
        "seen, level",
        "const real = console[level].bind(console);
         console[level] = (...args) => { seen.push(args.map(String).join(' ')); real(...args); };",
    )
    .call2(&JsValue::NULL, &seen, &level.into())
    .unwrap();
    seen
}

/// Everything `record_console` recorded, one call a line.
pub fn console_text(seen: &js_sys::Array) -> String {
    seen.join("\n").into()
}

/// Dispatches on `window` the `storage` event another tab's change of `key` would give.
pub fn storage_event(key: &str, old: Option<&str>, new: Option<&str>) {
    js_sys::Function::new_with_args(
        "key, oldValue, newValue",
        "window.dispatchEvent(new StorageEvent('storage', {key, oldValue, newValue, storageArea: localStorage}));",
    )
    .call3(
        &JsValue::NULL,
        &key.into(),
        &old.map_or(JsValue::NULL, JsValue::from),
        &new.map_or(JsValue::NULL, JsValue::from),
    )
    .unwrap();
}

/// Dispatches on the box's textarea what a reader's paste gives before its `input`.
pub fn paste(host: &Element, text: &str) {
    fire(host, "textarea", "paste");
    type_text(host, text, false);
}

/// The storage key of the first box's draft of `test`'s article.
pub fn draft_key_of(test: &str) -> String {
    let mut key = String::from("binhluan:draft:");
    key.push_str(&article(test));
    key
}

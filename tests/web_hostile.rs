//! Hostile input against the wasm build in Chromium
//! (`wasm-pack test --headless --chrome -- --test web_hostile`): the hostile texts of
//! `tests/hostile/cases.rs` through `check` and through the box (verdict, length line,
//! draft), lone UTF-16 surrogates from JavaScript, script injection through every way text
//! reaches the DOM, and the endpoint's safety (only the configured URL is ever fetched, with
//! the configured credentials mode).
#![cfg(target_arch = "wasm32")]

#[path = "support/browser.rs"]
#[allow(dead_code)] // Shared with `web.rs`, which uses other helpers.
mod browser;
#[path = "../rules/tests/hostile/cases.rs"]
#[allow(dead_code)] // `repeat_to` is for the native bench.
mod cases;

use browser::*;
use cases::{cases, visible, TEN_WORDS};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const ENDPOINT: &str = "https://comments.example/api/comments";

fn array(value: &JsValue) -> js_sys::Array {
    value.clone().unchecked_into()
}

fn strings(value: &JsValue) -> Vec<String> {
    array(value).iter().filter_map(|v| v.as_string()).collect()
}

/// `text[start..end]` in UTF-16 code units, as JavaScript reads it.
fn js_slice(text: &js_sys::JsString, start: u32, end: u32) -> String {
    String::from(text.substring(start, end))
}

#[wasm_bindgen_test]
fn every_hostile_text_gets_a_clear_verdict_from_the_wasm_build() {
    for case in cases(1) {
        let verdict = binhluan::check(&case.text, JsValue::UNDEFINED);
        let problems = strings(&get(&verdict, "problems"));
        for code in case.problems {
            assert!(
                problems.iter().any(|p| p == code),
                "{}: {problems:?}",
                case.name
            );
        }
        let js = js_sys::JsString::from(case.text.as_str());
        let links = array(&get(&verdict, "links"));
        for link in links.iter() {
            let at = |name: &str| get(&link, name).as_f64().unwrap() as u32;
            let text = get(&link, "text").as_string().unwrap();
            assert_eq!(js_slice(&js, at("start"), at("end")), text, "{}", case.name);
        }
        let found = links.iter().any(|l| {
            case.link.is_some_and(|needle| {
                visible(&get(&l, "text").as_string().unwrap()).contains(needle)
            })
        });
        assert_eq!(found, case.link.is_some(), "{}", case.name);
    }
}

#[wasm_bindgen_test]
fn the_box_survives_every_hostile_text_keeps_the_draft_and_shows_the_length() {
    stub_fetch(&[(201, "{}")]);
    for (i, case) in cases(1).into_iter().enumerate() {
        let mut test = String::from("hostile-");
        test.push(char::from(b'a' + i as u8));
        let (host, handle) = mount(&test, &[]);
        type_text(&host, &case.text, false);
        fire(&host, "textarea", "blur");
        assert_eq!(textarea(&host).value(), case.text, "{}", case.name);
        if case.problems.contains(&"too-long") {
            let line = find(&host, "[data-rule=length]");
            assert!(!line.has_attribute("hidden"), "{}", case.name);
            assert_eq!(line.get_attribute("data-state").unwrap(), "fail");
            let text = line.text_content().unwrap();
            assert!(text.ends_with("/1000 ký tự"), "{}: {text}", case.name);
        }
        if case.link.is_some() {
            assert_eq!(state_of(&host, "links"), "fail", "{}", case.name);
        }
        handle.destroy();
        assert_eq!(
            take_draft(&test).as_ref(),
            Some(&case.text),
            "{}",
            case.name
        );
    }
    assert_eq!(calls().length(), 0, "typing never posts");
}

#[wasm_bindgen_test]
fn offsets_after_lone_surrogates_from_javascript_select_the_right_characters() {
    let (host, _handle) = mount("surrogates", &[]);
    let mut units: Vec<u16> = vec![0xD800];
    units.extend("Bai viet ".encode_utf16());
    units.push(0xDC00);
    units.extend("😀 xem ".encode_utf16());
    units.extend([0xDBFF, 0xDBFF]);
    units.extend("nhacai88.com va khong co".encode_utf16());
    units.push(0xDFFF);
    let value = js_sys::JsString::from_char_code(&units);
    let area = textarea(&host);
    js_sys::Reflect::set(&area, &"value".into(), &value).unwrap();
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    fire(&host, "textarea", "blur");
    let marks = host
        .shadow_root()
        .unwrap()
        .query_selector_all("[part=mark]")
        .unwrap();
    let mut seen = Vec::new();
    for i in 0..marks.length() {
        let mark: Element = marks.item(i).unwrap().unchecked_into();
        let at = |name: &str| mark.get_attribute(name).unwrap().parse::<u32>().unwrap();
        let text = mark.text_content().unwrap();
        assert_eq!(js_slice(&value, at("data-start"), at("data-end")), text);
        // A real click: it bubbles to the list's listener.
        mark.unchecked_ref::<web_sys::HtmlElement>().click();
        let (start, end) = (
            area.selection_start().unwrap(),
            area.selection_end().unwrap(),
        );
        assert_eq!((start, end), (Some(at("data-start")), Some(at("data-end"))));
        seen.push(text);
    }
    assert!(seen.iter().any(|m| m == "nhacai88.com"), "{seen:?}");
    assert!(seen.iter().any(|m| m == "khong"), "{seen:?}");
    // The draft holds U+FFFD for each lone surrogate, one unit each: offsets stay valid.
    _ = take_draft("surrogates");
}

/// Every way a hostile string could be read as markup or script.
const PAYLOADS: [&str; 12] = [
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=2</script>",
    "javascript:window.__pwned=3",
    "\"><svg onload=window.__pwned=4>",
    "' onmouseover='window.__pwned=5' x='",
    "<iframe srcdoc=\"<script>parent.__pwned=6</script>\"></iframe>",
    "<a href=\"javascript:window.__pwned=7\">bấm vào đây</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=8>",
    "&lt;img src=x onerror=window.__pwned=9&gt;",
    "<details open ontoggle=window.__pwned=10>",
    "<object data=\"javascript:window.__pwned=11\"></object>",
    "<body onload=window.__pwned=12><style>*{}</style>",
];

/// Waits for image errors and load events, then asserts no payload ran and no element of
/// theirs exists, in the box or in the page.
async fn assert_nothing_ran(host: &Element) {
    sleep(300).await;
    assert!(get(&window(), "__pwned").is_undefined(), "a payload ran");
    let foreign = "img, script, svg, iframe, a, math, style, object, embed, details, body";
    let root = host.shadow_root().unwrap();
    assert_eq!(root.query_selector_all(foreign).unwrap().length(), 0);
    let page = window().document().unwrap().body().unwrap();
    assert_eq!(
        page.query_selector_all("img, svg, iframe, object, details")
            .unwrap()
            .length(),
        0
    );
}

#[wasm_bindgen_test]
async fn payloads_in_the_comment_text_are_listed_as_text() {
    let (host, _handle) = mount("inject-text", &[]);
    let text = [TEN_WORDS, " ", &PAYLOADS.join(" ")].concat();
    type_text(&host, &text, false);
    fire(&host, "textarea", "blur");
    let marks = text_of(&host, "#marks");
    assert!(marks.contains("javascript:window.__pwned=3"), "{marks}");
    assert_eq!(state_of(&host, "links"), "fail");
    assert_nothing_ran(&host).await;
    _ = take_draft("inject-text");
}

#[wasm_bindgen_test]
async fn payloads_in_names_server_messages_and_listed_comments_stay_text() {
    let comments = js_sys::Array::new();
    for (id, payload) in PAYLOADS.iter().enumerate() {
        let comment = js_sys::Object::new();
        js_sys::Reflect::set(&comment, &"id".into(), &JsValue::from(id as u32)).unwrap();
        for field in ["name", "content", "created_at"] {
            js_sys::Reflect::set(&comment, &field.into(), &(*payload).into()).unwrap();
        }
        comments.push(&comment);
    }
    // A whole `CommentPage` of the contract, every text in it hostile.
    let list = js_sys::Object::new();
    for (field, value) in [
        ("article", JsValue::from(article("inject-list"))),
        ("page", 1.into()),
        ("per_page", 20.into()),
        ("total", JsValue::from(PAYLOADS.len() as u32)),
        ("comments", comments.into()),
    ] {
        js_sys::Reflect::set(&list, &field.into(), &value).unwrap();
    }
    let list = String::from(js_sys::JSON::stringify(&list).unwrap());
    stub_fetch_with_list(&[(403, "{}")], Some(&list));

    let (host, _handle) = mount("inject-list", &[("list", "on")]);
    assert!(
        wait_for(3000, || host
            .shadow_root()
            .unwrap()
            .query_selector_all("[part=comment]")
            .unwrap()
            .length()
            == PAYLOADS.len() as u32)
        .await
    );
    let shown = text_of(&host, "[part=list]");
    for payload in PAYLOADS {
        assert!(shown.contains(payload), "{payload} not shown as text");
    }

    let name: web_sys::HtmlInputElement = find(&host, "input[part=name]").unchecked_into();
    type_text(&host, TEN_WORDS, false);
    for payload in PAYLOADS {
        // The server refuses the comment with the payload as its message.
        let refusal = js_sys::Object::new();
        js_sys::Reflect::set(&refusal, &"message".into(), &payload.into()).unwrap();
        let refusal = String::from(js_sys::JSON::stringify(&refusal).unwrap());
        stub_fetch_with_list(&[(403, &refusal)], Some(&list));
        name.set_value(payload);
        assert!(submit_and_wait_for_status(&host, payload, 3000).await);
        assert_eq!(
            get(&call_body(0), "name").as_string().as_deref(),
            Some(payload)
        );
    }
    assert_nothing_ran(&host).await;
    _ = take_draft("inject-list");
}

/// `(url, method, credentials, redirect)` of every request the stub saw.
fn requests() -> Vec<(String, String, String, String)> {
    calls()
        .iter()
        .map(|call| {
            let call = array(&call);
            let init = call.get(1);
            let field = |name: &str| get(&init, name).as_string().unwrap_or_default();
            (
                call.get(0).as_string().unwrap(),
                field("method"),
                field("credentials"),
                field("redirect"),
            )
        })
        .collect()
}

/// Posts a valid comment with `extra` options and returns the requests made.
async fn post_and_list(
    test: &str,
    extra: &[(&str, &str)],
) -> Vec<(String, String, String, String)> {
    stub_fetch_with_list(
        &[(201, r#"{"id": 1, "status": "published"}"#)],
        Some(r#"{"article": "", "comments": [], "page": 1, "per_page": 20, "total": 0}"#),
    );
    let mut pairs = vec![("list", "on")];
    pairs.extend_from_slice(extra);
    let (host, _handle) = mount(test, &pairs);
    type_text(&host, TEN_WORDS, false);
    assert!(submit_and_wait_for_status(&host, "Bình luận của bạn đã được đăng.", 3000).await);
    requests()
}

#[wasm_bindgen_test]
async fn only_the_configured_endpoint_is_called_without_credentials() {
    let seen = post_and_list("endpoint-omit", &[]).await;
    let methods: Vec<&str> = seen.iter().map(|r| r.1.as_str()).collect();
    assert!(
        methods.contains(&"GET") && methods.contains(&"POST"),
        "{methods:?}"
    );
    for (url, method, credentials, redirect) in &seen {
        let base = url.split('?').next().unwrap();
        assert_eq!(base, ENDPOINT, "{method} {url}");
        assert_eq!(credentials, "omit", "{method} {url}");
        assert_eq!(redirect, "error", "{method} {url}");
    }
    let get_url = &seen.iter().find(|r| r.1 == "GET").unwrap().0;
    let mut query = String::from("?article=");
    query.push_str(&article("endpoint-omit"));
    assert!(get_url.contains(&query), "{get_url}");
}

#[wasm_bindgen_test]
async fn credentials_are_included_only_when_configured() {
    for (mode, test) in [
        ("include", "endpoint-include"),
        ("same-origin", "endpoint-same"),
    ] {
        let seen = post_and_list(test, &[("credentials", mode)]).await;
        assert!(seen.len() >= 2);
        for (url, _, credentials, _) in &seen {
            assert!(url.starts_with(ENDPOINT));
            assert_eq!(credentials, mode);
        }
    }
}

#[wasm_bindgen_test]
async fn a_non_http_or_insecure_endpoint_is_refused_and_never_called() {
    for (endpoint, code) in [
        ("http://comments.example/api", "insecure-endpoint"),
        ("//comments.example/api", "insecure-endpoint"),
        ("ftp://comments.example/api", "bad-endpoint"),
        ("ws://comments.example/api", "bad-endpoint"),
        ("file:///etc/passwd", "bad-endpoint"),
        ("data:application/json,{}", "bad-endpoint"),
        ("javascript:fetch('//evil.example')", "bad-endpoint"),
        ("blob:https://comments.example/0", "bad-endpoint"),
    ] {
        stub_fetch(&[(201, "{}")]);
        let host = mount_point();
        let refused = record_events(&host, "binhluan:error");
        let _handle = binhluan::mount(
            &host,
            options(&[("endpoint", endpoint), ("list", "on")]),
            None,
        );
        let said = get(&refused.get(0), "code").as_string();
        assert_eq!(said.as_deref(), Some(code), "{endpoint}");
        assert!(find(&host, "[role=alert]").text_content().is_some());
        sleep(50).await;
        assert_eq!(calls().length(), 0, "{endpoint} was called");
    }
}

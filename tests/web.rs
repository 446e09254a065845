//! The widget in a real browser (`wasm-pack test --headless --chrome -- --test web`).
//! The network is a `fetch` stub installed by each test that posts.
#![cfg(target_arch = "wasm32")]

#[path = "support/browser.rs"]
#[allow(dead_code)] // Shared with `web_hostile.rs`, which uses other helpers.
mod browser;

use browser::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::Event;

wasm_bindgen_test_configure!(run_in_browser);

const TEN_WORDS: &str = "Bài viết rất hay và bổ ích cho mọi người";

#[wasm_bindgen_test]
fn mounts_a_labelled_box_with_the_rule_checklist() {
    let (host, _handle) = mount("labelled", &[]);
    assert_eq!(text_of(&host, "label[for=text]"), "Bình luận");
    assert_eq!(
        find(&host, "textarea")
            .get_attribute("aria-describedby")
            .unwrap(),
        "rules marks hint"
    );
    assert_eq!(
        text_of(&host, "[data-rule=words]"),
        "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 10 chữ)"
    );
    assert_eq!(
        text_of(&host, "[data-rule=diacritics]"),
        "Viết tiếng Việt có dấu"
    );
    assert_eq!(text_of(&host, "[data-rule=links]"), "Không chứa liên kết");
    assert_eq!(state_of(&host, "words"), "todo");
    assert_eq!(text_of(&host, "button[type=submit]"), "Gửi bình luận");
}

#[wasm_bindgen_test]
fn the_word_count_follows_typing_and_turns_ok_at_the_minimum() {
    let (host, _handle) = mount("count", &[]);
    type_text(&host, "Bài viết rất hay", false);
    assert_eq!(
        text_of(&host, "[data-rule=words]"),
        "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 6 chữ)"
    );
    type_text(&host, TEN_WORDS, false);
    assert_eq!(
        text_of(&host, "[data-rule=words]"),
        "Tối thiểu 10 chữ tiếng Việt có dấu"
    );
    assert_eq!(state_of(&host, "words"), "ok");
}

#[wasm_bindgen_test]
fn options_set_the_minimum_and_the_language() {
    let (host, _handle) = mount("options", &[("minWords", "12"), ("lang", "en")]);
    assert_eq!(
        text_of(&host, "[data-rule=words]"),
        "At least 12 Vietnamese words with diacritics (12 more)"
    );
    assert_eq!(text_of(&host, "button[type=submit]"), "Post comment");
    let (host, _handle) = mount("override", &[("textSubmit", "Gửi ý kiến")]);
    assert_eq!(text_of(&host, "button[type=submit]"), "Gửi ý kiến");
}

#[wasm_bindgen_test]
async fn no_new_error_appears_while_composing() {
    let (host, _handle) = mount("ime", &[]);
    type_text(&host, "Chà", true);
    sleep(250).await;
    assert_eq!(
        state_of(&host, "words"),
        "todo",
        "no error while the IME composes"
    );
    fire(&host, "textarea", "compositionend");
    assert!(wait_for(1000, || state_of(&host, "words") == "fail").await);
}

#[wasm_bindgen_test]
async fn a_new_error_waits_for_a_pause_in_typing() {
    let (host, _handle) = mount("pause", &[]);
    type_text(&host, "Chào", false);
    assert_eq!(state_of(&host, "words"), "todo", "not at once");
    assert!(wait_for(1000, || state_of(&host, "words") == "fail").await);
    // Good news is shown at once.
    type_text(&host, TEN_WORDS, false);
    assert_eq!(state_of(&host, "words"), "ok");
}

#[wasm_bindgen_test]
fn the_draft_survives_a_remount_and_stays_with_its_article() {
    let (host, handle) = mount("draft", &[]);
    type_text(&host, "Bản nháp chưa gửi", false);
    handle.destroy();
    let (host, _handle) = mount("draft", &[]);
    assert_eq!(textarea(&host).value(), "Bản nháp chưa gửi");
    assert_eq!(
        text_of(&host, "[role=status]"),
        "Đã khôi phục bản nháp chưa gửi của bạn."
    );
    let (other, _other) = mount("draft-other-article", &[]);
    assert_eq!(textarea(&other).value(), "");
}

#[wasm_bindgen_test]
fn a_bad_configuration_shows_a_message_and_never_throws() {
    for (pairs, code) in [
        (&[("endpoint", "")][..], "missing-endpoint"),
        (
            &[("endpoint", "http://comments.example/api")][..],
            "insecure-endpoint",
        ),
        (&[("endpoint", "javascript:alert(1)")][..], "bad-endpoint"),
        (
            &[
                ("endpoint", "https://comments.example/api"),
                ("minWrods", "5"),
            ][..],
            "unknown-option",
        ),
        (
            &[
                ("endpoint", "https://comments.example/api"),
                ("minWords", "many"),
            ][..],
            "bad-value",
        ),
    ] {
        let host = mount_point();
        let seen = js_sys::Array::new();
        let record = {
            let seen = seen.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
                move |e: web_sys::CustomEvent| {
                    seen.push(&get(&e.detail(), "code"));
                },
            )
        };
        host.add_event_listener_with_callback("binhluan:error", record.as_ref().unchecked_ref())
            .unwrap();
        let _handle = binhluan::mount(&host, options(pairs));
        assert_eq!(seen.get(0).as_string().as_deref(), Some(code));
        let message = text_of(&host, "[role=alert]");
        assert!(message.contains(code), "{message}");
        assert!(host
            .shadow_root()
            .unwrap()
            .query_selector("textarea")
            .unwrap()
            .is_none());
    }
}

#[wasm_bindgen_test]
async fn a_valid_comment_is_posted_once_and_the_draft_cleared() {
    stub_fetch(&[(201, r#"{"id": 7, "status": "pending"}"#)]);
    let (host, _handle) = mount("post", &[]);
    type_text(&host, TEN_WORDS, false);
    assert!(
        submit_and_wait_for_status(
            &host,
            "Bình luận của bạn đã được gửi và đang chờ duyệt.",
            3000
        )
        .await
    );
    assert_eq!(calls().length(), 1);
    let body = call_body(0);
    assert_eq!(get(&body, "content").as_string().unwrap(), TEN_WORDS);
    assert_eq!(
        get(&body, "article_id").as_string().unwrap(),
        article("post")
    );
    let key = call_header(0, "Idempotency-Key").unwrap();
    assert_eq!(get(&body, "idempotency_key").as_string().unwrap(), key);
    assert!(get(&get(&body, "client"), "verdict").is_object());
    assert_eq!(textarea(&host).value(), "");
    let (again, _again) = mount("post", &[]);
    assert_eq!(textarea(&again).value(), "", "the draft is gone after 201");
}

#[wasm_bindgen_test]
async fn posting_needs_no_crypto_random_uuid() {
    // Plain http:// pages other than localhost are not secure contexts: no randomUUID there.
    let prototype: js_sys::Object = get(&get(&window(), "Crypto"), "prototype").unchecked_into();
    let descriptor = js_sys::Object::get_own_property_descriptor(&prototype, &"randomUUID".into());
    assert!(js_sys::Reflect::delete_property(&prototype, &"randomUUID".into()).unwrap());
    stub_fetch(&[(201, r#"{"id": 10, "status": "published"}"#)]);
    let (host, _handle) = mount("no-random-uuid", &[]);
    type_text(&host, TEN_WORDS, false);
    let posted = submit_and_wait_for_status(&host, "Bình luận của bạn đã được đăng.", 3000).await;
    if !descriptor.is_undefined() {
        js_sys::Object::define_property(
            &prototype,
            &"randomUUID".into(),
            descriptor.unchecked_ref(),
        );
    }
    assert!(posted);
    let key = call_header(0, "Idempotency-Key").unwrap();
    let shape = key.len() == 36
        && key.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            14 => c == '4',
            _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
        });
    assert!(shape, "{key} is not a version 4 UUID");
}

#[wasm_bindgen_test]
fn the_honeypot_is_hidden_without_any_stylesheet() {
    let (host, _handle) = mount("honeypot", &[]);
    let trap = find(&host, "[name=website]").parent_element().unwrap();
    assert!(trap.has_attribute("hidden"));
    assert_eq!(trap.get_attribute("aria-hidden").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn a_failing_server_is_retried_with_the_same_key() {
    stub_fetch(&[
        (503, "<html>busy</html>"),
        (201, r#"{"id": 8, "status": "published"}"#),
    ]);
    let (host, _handle) = mount("retry", &[]);
    type_text(&host, TEN_WORDS, false);
    assert!(submit_and_wait_for_status(&host, "Bình luận của bạn đã được đăng.", 5000).await);
    assert_eq!(calls().length(), 2);
    assert_eq!(
        call_header(0, "Idempotency-Key"),
        call_header(1, "Idempotency-Key")
    );
}

#[wasm_bindgen_test]
async fn a_refusal_shows_the_server_message_as_text_and_keeps_the_comment() {
    let hostile = r#"{"message": "<img src=x onerror=window.__pwned=1> Nội dung bị từ chối"}"#;
    stub_fetch(&[(403, hostile)]);
    let (host, _handle) = mount("refused", &[]);
    type_text(&host, TEN_WORDS, false);
    let expected = "<img src=x onerror=window.__pwned=1> Nội dung bị từ chối";
    assert!(submit_and_wait_for_status(&host, expected, 3000).await);
    assert!(host
        .shadow_root()
        .unwrap()
        .query_selector("img")
        .unwrap()
        .is_none());
    assert!(get(&window(), "__pwned").is_undefined());
    assert_eq!(textarea(&host).value(), TEN_WORDS);
    assert_eq!(calls().length(), 1, "a 4xx is not retried");
}

#[wasm_bindgen_test]
fn submitting_a_comment_that_breaks_a_rule_says_why_and_posts_nothing() {
    stub_fetch(&[(201, "{}")]);
    let (host, _handle) = mount("invalid", &[]);
    type_text(&host, "Hay", false);
    submit(&host);
    assert_eq!(
        text_of(&host, "[role=status]"),
        "Bình luận chưa đạt yêu cầu: xem các mục đánh dấu bên dưới."
    );
    assert_eq!(
        find(&host, "textarea")
            .get_attribute("aria-invalid")
            .unwrap(),
        "true"
    );
    assert_eq!(state_of(&host, "words"), "fail");
    assert_eq!(calls().length(), 0);
}

#[wasm_bindgen_test]
async fn destroy_removes_the_box_its_listeners_and_its_timers() {
    stub_fetch(&[(201, r#"{"id": 10, "status": "pending"}"#)]);
    let (host, handle) = mount("destroy", &[]);
    let textarea = textarea(&host);
    let form = find(&host, "form");
    let words = find(&host, "[data-rule=words]");
    // A short text: its error waits for the pause in typing, which destroy cancels.
    type_text(&host, "Chào", false);
    let changes = record_events(&host, "binhluan:change");
    let submits = record_events(&host, "binhluan:submit");
    _ = take_draft("destroy");
    handle.destroy();

    assert!(host.shadow_root().unwrap().first_child().is_none());
    assert!(!textarea.is_connected() && !form.is_connected());

    // Typing into the detached textarea, submitting its form and a draft from another tab
    // reach nothing: no event for the page, no draft written, no request, no timer firing.
    textarea.set_value(TEN_WORDS);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    textarea
        .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    form.dispatch_event(&Event::new("submit").unwrap()).unwrap();
    let mut key = String::from("binhluan:draft:");
    key.push_str(&article("destroy"));
    let other_tab = js_sys::Function::new_with_args(
        "key",
        "dispatchEvent(new StorageEvent('storage', {key, newValue: JSON.stringify({content: 'Từ thẻ khác'})}))",
    );
    other_tab.call1(&JsValue::NULL, &key.into()).unwrap();
    sleep(300).await;

    assert_eq!(changes.length(), 0, "no binhluan:change after destroy");
    assert_eq!(submits.length(), 0, "no binhluan:submit after destroy");
    assert_eq!(
        take_draft("destroy"),
        None,
        "no draft written after destroy"
    );
    assert_eq!(calls().length(), 0, "nothing posted after destroy");
    assert_eq!(
        textarea.value(),
        TEN_WORDS,
        "the other tab's draft is not taken"
    );
    assert_eq!(
        words.get_attribute("data-state").as_deref(),
        Some("todo"),
        "the pending reveal was cancelled"
    );
}

#[wasm_bindgen_test]
fn check_returns_the_verdict_object() {
    let verdict = binhluan::check("Chào bạn", options(&[("minWords", "2")]));
    assert_eq!(get(&verdict, "min_words").as_f64(), Some(2.0));
    let verdict = binhluan::check("Chào bạn", JsValue::UNDEFINED);
    assert_eq!(get(&verdict, "ok").as_bool(), Some(false));
    let problems: js_sys::Array = get(&verdict, "problems").unchecked_into();
    assert_eq!(
        problems.get(0).as_string().as_deref(),
        Some("too-few-words")
    );
}

#[wasm_bindgen_test]
fn check_reads_its_three_options_of_any_type_and_falls_back_to_the_defaults() {
    let object = |source: &str| js_sys::eval(&format!("({source})")).unwrap();
    let text = "Liên hệ hotro@nhacai.vn";
    let verdict = binhluan::check(
        text,
        object("{minWords: 3, maxLength: 10, emailsAreLinks: false}"),
    );
    assert_eq!(get(&verdict, "min_words").as_f64(), Some(3.0));
    assert_eq!(get(&verdict, "max_length").as_f64(), Some(10.0));
    assert_eq!(js_sys::Array::from(&get(&verdict, "links")).length(), 0);
    let verdict = binhluan::check(text, object("{emailsAreLinks: true}"));
    assert_eq!(js_sys::Array::from(&get(&verdict, "links")).length(), 1);
    // A bad value, or a getter that throws, gives the default rules and never throws.
    for bad in [
        "{minWords: -1, maxLength: 10}",
        "{maxLength: 'nhiều'}",
        "{get minWords() { throw new Error('x') }, maxLength: 10}",
    ] {
        let verdict = binhluan::check(text, object(bad));
        assert_eq!(get(&verdict, "min_words").as_f64(), Some(10.0), "{bad}");
        assert_eq!(get(&verdict, "max_length").as_f64(), Some(1000.0), "{bad}");
    }
}

#[wasm_bindgen_test]
fn the_shared_table_gets_the_same_verdicts_in_the_browser() {
    let cases: js_sys::Array =
        js_sys::JSON::parse(include_str!("../rules/tests/cases/verdicts.json"))
            .unwrap()
            .unchecked_into();
    assert!(cases.length() >= 40);
    for case in cases.iter() {
        let text = get(&case, "text").as_string().unwrap();
        let verdict = binhluan::check(&text, JsValue::UNDEFINED);
        assert_eq!(get(&verdict, "ok"), get(&case, "ok"), "{text}");
        let problems = js_sys::JSON::stringify(&get(&verdict, "problems")).unwrap();
        let expected = js_sys::JSON::stringify(&get(&case, "problems")).unwrap();
        assert_eq!(problems, expected, "{text}");
    }
}

#[wasm_bindgen_test]
fn a_switched_off_keyboard_is_converted_in_one_click_with_undo() {
    let (host, _handle) = mount("telex", &[]);
    let raw = "Tieesng Vieejt cos daaus raast hay, camr own bajn nhieeuf";
    type_text(&host, raw, false);
    assert!(!find(&host, "#hint").has_attribute("hidden"));
    assert_eq!(
        text_of(&host, "#hint span"),
        "Có vẻ bộ gõ tiếng Việt đang tắt."
    );
    fire(&host, "[part=convert]", "click");
    assert_eq!(
        textarea(&host).value(),
        "Tiếng Việt có dấu rất hay, cảm ơn bạn nhiều"
    );
    assert_eq!(state_of(&host, "diacritics"), "ok");
    assert!(!find(&host, "[part=undo]").has_attribute("hidden"));
    fire(&host, "[part=undo]", "click");
    assert_eq!(textarea(&host).value(), raw);
    assert!(find(&host, "[part=undo]").has_attribute("hidden"));
}

#[wasm_bindgen_test]
fn suspect_words_and_links_are_listed_as_text() {
    let (host, _handle) = mount("marks", &[]);
    type_text(
        &host,
        "Bai viet hay, xem <b>them</b> tai nhacai88.com",
        false,
    );
    fire(&host, "textarea", "blur");
    let marks: Vec<String> = {
        let list = host
            .shadow_root()
            .unwrap()
            .query_selector_all("[part=mark]")
            .unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(marks.first().map(String::as_str), Some("nhacai88.com"));
    assert!(marks.iter().any(|m| m == "Bai"), "{marks:?}");
    assert!(host
        .shadow_root()
        .unwrap()
        .query_selector("b")
        .unwrap()
        .is_none());
    assert_eq!(state_of(&host, "links"), "fail");
    assert_eq!(state_of(&host, "diacritics"), "fail");
}

#[wasm_bindgen_test]
async fn the_typing_time_survives_a_reload_of_the_draft() {
    stub_fetch(&[(201, r#"{"id": 9, "status": "pending"}"#)]);
    let (host, handle) = mount("typing-time", &[]);
    type_text(&host, TEN_WORDS, false);
    sleep(50).await;
    handle.destroy();
    let (host, _handle) = mount("typing-time", &[]);
    submit(&host);
    assert!(wait_for(3000, || calls().length() == 1).await);
    let typing_ms = get(&call_body(0), "typing_ms").as_f64();
    assert!(typing_ms.is_some_and(|ms| ms >= 50.0), "{typing_ms:?}");
}

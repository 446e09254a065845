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
        "rule-words rule-diacritics rule-links"
    );
    assert_eq!(
        text_of(&host, "[data-rule=words] span"),
        "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 10 chữ)"
    );
    assert_eq!(
        text_of(&host, "[data-rule=diacritics] span"),
        "Viết tiếng Việt có dấu"
    );
    assert_eq!(
        text_of(&host, "[data-rule=links] span"),
        "Không chứa liên kết"
    );
    assert_eq!(state_of(&host, "words"), "todo");
    assert_eq!(text_of(&host, "button[type=submit]"), "Gửi bình luận");
}

#[wasm_bindgen_test]
fn the_word_count_follows_typing_and_turns_ok_at_the_minimum() {
    let (host, _handle) = mount("count", &[]);
    type_text(&host, "Bài viết rất hay", false);
    assert_eq!(
        text_of(&host, "[data-rule=words] span"),
        "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 6 chữ)"
    );
    type_text(&host, TEN_WORDS, false);
    assert_eq!(
        text_of(&host, "[data-rule=words] span"),
        "Tối thiểu 10 chữ tiếng Việt có dấu"
    );
    assert_eq!(state_of(&host, "words"), "ok");
}

#[wasm_bindgen_test]
fn options_set_the_minimum_and_the_language() {
    let (host, _handle) = mount("options", &[("minWords", "12"), ("lang", "en")]);
    assert_eq!(
        text_of(&host, "[data-rule=words] span"),
        "At least 12 Vietnamese words with diacritics (12 more)"
    );
    assert_eq!(text_of(&host, "button[type=submit]"), "Post comment");
    let (host, _handle) = mount("override", &[("textSubmit", "Gửi ý kiến")]);
    assert_eq!(text_of(&host, "button[type=submit]"), "Gửi ý kiến");
}

#[wasm_bindgen_test]
async fn no_new_error_appears_while_composing() {
    let (host, _handle) = mount("ime", &[]);
    type_text(&host, "Chao ban, bai viet nay rat hay", true);
    sleep(250).await;
    assert_eq!(
        state_of(&host, "diacritics"),
        "todo",
        "no error while the IME composes"
    );
    fire(&host, "textarea", "compositionend");
    assert!(wait_for(1000, || state_of(&host, "diacritics") == "fail").await);
}

#[wasm_bindgen_test]
async fn a_new_error_waits_for_a_pause_in_typing() {
    let (host, _handle) = mount("pause", &[]);
    type_text(&host, "Chao ban, bai viet nay rat hay", false);
    assert_eq!(state_of(&host, "diacritics"), "todo", "not at once");
    assert!(wait_for(1000, || state_of(&host, "diacritics") == "fail").await);
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
fn only_an_unusable_endpoint_stops_the_box_with_a_neutral_line_and_never_throws() {
    for (pairs, code) in [
        (&[("endpoint", "")][..], "missing-endpoint"),
        (
            &[("endpoint", "http://comments.example/api")][..],
            "insecure-endpoint",
        ),
        (&[("endpoint", "javascript:alert(1)")][..], "bad-endpoint"),
    ] {
        let host = mount_point();
        let errors = record_console("error");
        let seen = record_events(&host, "binhluan:error");
        let _handle = binhluan::mount(&host, options(pairs), None);
        assert_eq!(get(&seen.get(0), "code").as_string().as_deref(), Some(code));
        assert_eq!(
            text_of(&host, "[role=alert]"),
            "Phần bình luận tạm thời chưa dùng được.",
            "readers see a short neutral line"
        );
        let said = console_text(&errors);
        assert!(said.contains(code) && said.contains("endpoint"), "{said}");
        assert!(host
            .shadow_root()
            .unwrap()
            .query_selector("textarea")
            .unwrap()
            .is_none());
    }
}

#[wasm_bindgen_test]
fn an_unknown_option_or_a_bad_cosmetic_value_is_ignored_with_a_warning() {
    let warnings = record_console("warn");
    let (host, _handle) = mount(
        "lenient",
        &[
            ("cfasync", "false"),
            ("testid", "comments"),
            ("minWrods", "5"),
            ("theme", "toi"),
            ("timeout", "0"),
        ],
    );
    find(&host, "textarea");
    assert_eq!(
        find(&host, ".box").get_attribute("data-theme").unwrap(),
        "light"
    );
    let said = console_text(&warnings);
    for expected in [
        "\"cfasync\" (data-cfasync) is ignored",
        "\"testid\" (data-testid) is ignored",
        "did you mean \"minWords\" (data-min-words)?",
        "\"theme\" (data-theme) has a value it cannot take, so its default is used; it may be auto (follows the page), light or dark",
        "\"timeout\" (data-timeout)",
    ] {
        assert!(said.contains(expected), "{expected} in {said}");
    }
    assert!(
        !said.contains("cfasync\" (data-cfasync) is ignored; did you mean"),
        "{said}"
    );
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
        "Bình luận chưa đạt yêu cầu: xem các mục đánh dấu ở trên."
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
fn each_keystroke_is_stored_before_the_rules_run() {
    // What the page sees on `binhluan:change` (sent after the rules ran) is already in the
    // draft: a trap in the rules could not lose it.
    let (host, _handle) = mount("stored_first", &[]);
    let mut key = String::from("binhluan:draft:");
    key.push_str(&article("stored_first"));
    let seen = js_sys::Array::new();
    let recorder = js_sys::Function::new_with_args(
        "seen, key",
        "return () => seen.push(localStorage.getItem(key))",
    )
    .call2(&JsValue::NULL, &seen, &JsValue::from_str(&key))
    .unwrap();
    host.add_event_listener_with_callback("binhluan:change", recorder.unchecked_ref())
        .unwrap();
    type_text(&host, "Bản nháp lưu trước", false);
    let stored = seen.get(0).as_string().unwrap_or_default();
    assert!(stored.contains("Bản nháp lưu trước"), "{stored:?}");
    assert_eq!(
        take_draft("stored_first").as_deref(),
        Some("Bản nháp lưu trước")
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
async fn a_200_html_reply_is_not_success_the_text_and_draft_stay_and_posted_never_fires() {
    stub_fetch(&[(200, "<!doctype html><title>Trang chủ</title>")]);
    let errors = record_console("error");
    let (host, _handle) = mount("html-200", &[]);
    let posted = record_events(&host, "binhluan:posted");
    type_text(&host, TEN_WORDS, false);
    assert!(
        submit_and_wait_for_status(
            &host,
            "Bình luận CHƯA được gửi: máy chủ không xác nhận đã lưu. Nội dung vẫn được giữ nguyên, hãy thử lại sau.",
            3000
        )
        .await
    );
    assert_eq!(
        find(&host, "[role=status]")
            .get_attribute("data-kind")
            .unwrap(),
        "error"
    );
    assert_eq!(textarea(&host).value(), TEN_WORDS);
    assert_eq!(posted.length(), 0, "binhluan:posted never fires");
    let said = console_text(&errors);
    assert!(said.contains("answered HTTP 200"), "{said}");
    assert_eq!(calls().length(), 1);
    assert_eq!(take_draft("html-200").as_deref(), Some(TEN_WORDS));
}

#[wasm_bindgen_test]
async fn typing_speed_is_sent_only_for_text_that_came_with_no_input_of_a_person() {
    stub_fetch(&[(201, r#"{"id": 9, "status": "pending"}"#)]);
    // Pasted: a person; no typing time, so the server never judges the speed.
    let (host, _handle) = mount("pasted", &[]);
    paste(&host, TEN_WORDS);
    assert!(
        submit_and_wait_for_status(
            &host,
            "Bình luận của bạn đã được gửi và đang chờ duyệt.",
            3000
        )
        .await
    );
    assert!(get(&call_body(0), "typing_ms").is_undefined());
    // A keyboard's whole word, or voice typing, announces itself with `beforeinput`.
    let (host, _handle) = mount("dictated", &[]);
    fire(&host, "textarea", "beforeinput");
    type_text(&host, TEN_WORDS, false);
    submit(&host);
    assert!(wait_for(3000, || calls().length() == 2).await);
    assert!(get(&call_body(1), "typing_ms").is_undefined());
    // Set by a script, with no keystroke or paste: the time since the box showed goes along.
    let (host, _handle) = mount("scripted", &[]);
    sleep(30).await;
    type_text(&host, TEN_WORDS, false);
    submit(&host);
    assert!(wait_for(3000, || calls().length() == 3).await);
    let typing_ms = get(&call_body(2), "typing_ms").as_f64();
    assert!(typing_ms.is_some_and(|ms| ms >= 30.0), "{typing_ms:?}");
}

#[wasm_bindgen_test]
async fn a_restored_draft_is_the_readers_and_carries_no_typing_time() {
    stub_fetch(&[(201, r#"{"id": 9, "status": "pending"}"#)]);
    let (host, handle) = mount("typing-time", &[]);
    type_text(&host, TEN_WORDS, false);
    handle.destroy();
    let (host, _handle) = mount("typing-time", &[]);
    submit(&host);
    assert!(wait_for(3000, || calls().length() == 1).await);
    assert!(get(&call_body(0), "typing_ms").is_undefined());
}

#[wasm_bindgen_test]
async fn the_status_line_describes_the_present() {
    stub_fetch(&[(201, r#"{"id": 3, "status": "published"}"#)]);
    let (host, _handle) = mount("present", &[]);
    type_text(&host, "Bài viết hay", false);
    submit(&host);
    assert!(text_of(&host, "[role=status]").contains("ở trên"));
    // Every rule met: the red line has nothing more to say.
    type_text(&host, TEN_WORDS, false);
    assert_eq!(text_of(&host, "[role=status]"), "");
    assert!(submit_and_wait_for_status(&host, "Bình luận của bạn đã được đăng.", 3000).await);
    // The next comment: "published" was about the last one.
    type_text(&host, "Thêm", false);
    assert_eq!(text_of(&host, "[role=status]"), "");
}

/// The text of the elements the textarea's `aria-describedby` names, each checked visible.
fn description(host: &web_sys::Element) -> String {
    let ids = find(host, "textarea")
        .get_attribute("aria-describedby")
        .unwrap();
    let mut out = Vec::new();
    for id in ids.split_whitespace() {
        let mut selector = String::from("#");
        selector.push_str(id);
        let element = find(host, &selector);
        let element: &web_sys::HtmlElement = element.unchecked_ref();
        assert!(
            !element.hidden() && element.offset_height() > 0,
            "{id} is hidden"
        );
        out.push(element.text_content().unwrap_or_default());
    }
    out.join(" | ")
}

#[wasm_bindgen_test]
async fn the_textareas_description_is_the_visible_rules_with_their_state_in_words() {
    let (host, _handle) = mount("described", &[]);
    assert_eq!(
        description(&host),
        "Chưa đạt: Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 10 chữ) | Chưa đạt: Viết tiếng Việt có dấu | Chưa đạt: Không chứa liên kết"
    );
    type_text(&host, TEN_WORDS, false);
    assert_eq!(
        description(&host),
        "Đạt: Tối thiểu 10 chữ tiếng Việt có dấu | Đạt: Viết tiếng Việt có dấu | Đạt: Không chứa liên kết"
    );
    // A hint appears: its text (not its buttons) joins the description.
    type_text(
        &host,
        "Tieesng Vieejt cos daaus raast hay, camr own bajn nhieeuf",
        false,
    );
    submit(&host);
    let said = description(&host);
    assert!(said.contains("Chưa đạt: Viết tiếng Việt có dấu"), "{said}");
    assert!(said.contains("Có vẻ bộ gõ tiếng Việt đang tắt."), "{said}");
    assert!(
        !said.contains("Hoàn tác") && !said.contains("Chuyển sang"),
        "{said}"
    );
}

#[wasm_bindgen_test]
fn two_boxes_of_one_article_keep_their_own_drafts() {
    let (first, first_handle) = mount("twin", &[]);
    let (second, second_handle) = mount("twin", &[]);
    type_text(&first, "Bản nháp của ô thứ nhất", false);
    type_text(&second, "Bản nháp của ô thứ hai", false);
    first_handle.destroy();
    second_handle.destroy();
    let (first, _a) = mount("twin", &[]);
    let (second, _b) = mount("twin", &[]);
    assert_eq!(textarea(&first).value(), "Bản nháp của ô thứ nhất");
    assert_eq!(textarea(&second).value(), "Bản nháp của ô thứ hai");
}

#[wasm_bindgen_test]
async fn another_tabs_newer_edit_is_taken_and_its_post_clears_only_the_same_text() {
    let (host, _handle) = mount("tabs", &[]);
    type_text(&host, "Câu đầu tiên", false);
    let key = draft_key_of("tabs");
    let later = r#"{"content": "Câu đầu tiên, thêm ở thẻ hai", "key": "k-tab", "edited": 9e12}"#;
    storage_event(&key, None, Some(later));
    assert_eq!(textarea(&host).value(), "Câu đầu tiên, thêm ở thẻ hai");
    let older = r#"{"content": "Cũ hơn", "key": "k-tab", "edited": 1}"#;
    storage_event(&key, None, Some(older));
    assert_eq!(
        textarea(&host).value(),
        "Câu đầu tiên, thêm ở thẻ hai",
        "an older edit never wins"
    );
    // The other tab posted another text and removed the draft: this text stays, saved again.
    storage_event(&key, Some(r#"{"content": "Khác", "key": "k-tab"}"#), None);
    assert_eq!(textarea(&host).value(), "Câu đầu tiên, thêm ở thẻ hai");
    let stored = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(&key)
        .unwrap()
        .unwrap();
    assert!(
        stored.contains("thêm ở thẻ hai") && !stored.contains("k-tab"),
        "{stored}"
    );
    // It posted this very text: nothing is left to send here.
    storage_event(
        &key,
        Some(r#"{"content": "Câu đầu tiên, thêm ở thẻ hai", "key": "k2"}"#),
        None,
    );
    assert_eq!(textarea(&host).value(), "");
}

#[wasm_bindgen_test]
async fn a_reused_key_gets_a_new_one_and_the_comment_goes_again_silently() {
    stub_fetch(&[
        (
            409,
            r#"{"error": "idempotency-key-reused", "message": "Mã chống gửi trùng đã dùng cho một bình luận khác."}"#,
        ),
        (201, r#"{"id": 12, "status": "published"}"#),
    ]);
    let (host, _handle) = mount("key-reused", &[]);
    type_text(&host, TEN_WORDS, false);
    assert!(submit_and_wait_for_status(&host, "Bình luận của bạn đã được đăng.", 3000).await);
    assert_eq!(calls().length(), 2);
    assert_ne!(
        call_header(0, "Idempotency-Key"),
        call_header(1, "Idempotency-Key")
    );
}

const PAGE_WITH_RULES: &str = r#"{"article": "a", "page": 1, "per_page": 20, "total": 0, "comments": [],
  "rules": {"min_words": 15, "max_length": 1000, "emails_are_links": true}}"#;

#[wasm_bindgen_test]
async fn the_endpoints_rules_replace_the_sites_with_a_console_note() {
    stub_fetch_with_list(&[(201, "{}")], Some(PAGE_WITH_RULES));
    let notes = record_console("info");
    let (host, _handle) = mount("rules-adopted", &[("list", "on"), ("minWords", "10")]);
    assert!(
        wait_for(3000, || text_of(&host, "[data-rule=words] span")
            == "Tối thiểu 15 chữ tiếng Việt có dấu (còn thiếu 15 chữ)")
        .await
    );
    assert!(console_text(&notes).contains("minWords 15"));
    // An endpoint that does not say keeps the site's rules.
    stub_fetch_with_list(
        &[(201, "{}")],
        Some(r#"{"article": "a", "page": 1, "per_page": 20, "total": 0, "comments": []}"#),
    );
    let (host, _handle) = mount("rules-kept", &[("list", "on"), ("minWords", "12")]);
    assert!(wait_for(3000, || calls().length() == 1).await);
    sleep(50).await;
    assert!(text_of(&host, "[data-rule=words] span").starts_with("Tối thiểu 12 chữ"));
}

/// The loader's early request for the first page is taken when it answers the very URL the
/// box would ask: the box then sends none of its own.
#[wasm_bindgen_test]
async fn the_loaders_early_first_page_is_taken_for_the_same_url() {
    let origin = window().location().origin().unwrap();
    let endpoint = format!("{origin}/early-first-page/api/comments");
    let url = format!("{endpoint}?article=test-early&page=1");
    // A real request to the test server (it answers 404: the box lists nothing).
    let early = real_fetch(&url);
    stub_fetch_with_list(&[(201, "{}")], Some(PAGE_WITH_RULES));
    let host = mount_point();
    let _handle = binhluan::mount(
        &host,
        options(&[
            ("endpoint", &endpoint),
            ("articleId", "test-early"),
            ("list", "on"),
        ]),
        Some(early),
    );
    sleep(300).await;
    assert_eq!(calls().length(), 0, "the box asked again");
    assert!(text_of(&host, "[data-rule=words] span").starts_with("Tối thiểu 10 chữ"));
}

/// An early response for another URL (here one made in the page, which has none) is left,
/// and the box asks itself.
#[wasm_bindgen_test]
async fn an_early_page_for_another_url_is_left_and_the_box_asks_itself() {
    stub_fetch_with_list(&[(201, "{}")], Some(PAGE_WITH_RULES));
    let elsewhere = web_sys::Response::new_with_opt_str(Some(
        r#"{"article": "x", "page": 1, "per_page": 20, "total": 0, "comments": [],
          "rules": {"min_words": 20, "max_length": 1000, "emails_are_links": true}}"#,
    ))
    .unwrap();
    let host = mount_point();
    let _handle = binhluan::mount(
        &host,
        options(&[
            ("endpoint", "https://comments.example/api/comments"),
            ("articleId", "test-early-elsewhere"),
            ("list", "on"),
        ]),
        Some(js_sys::Promise::resolve(&JsValue::from(elsewhere))),
    );
    assert!(
        wait_for(3000, || text_of(&host, "[data-rule=words] span")
            .starts_with("Tối thiểu 15 chữ"))
        .await
    );
    assert_eq!(calls().length(), 1);
    assert_eq!(
        js_sys::Array::from(&calls().get(0))
            .get(0)
            .as_string()
            .unwrap(),
        "https://comments.example/api/comments?article=test-early-elsewhere&page=1"
    );
}

#[wasm_bindgen_test]
fn the_default_article_is_the_page_address_without_query_and_fragment() {
    let history = window().history().unwrap();
    let before = window().location().href().unwrap();
    history
        .replace_state_with_url(
            &JsValue::NULL,
            "",
            Some("?utm_source=facebook&fbclid=x#binh-luan"),
        )
        .unwrap();
    let host = mount_point();
    let _handle = binhluan::mount(
        &host,
        options(&[
            ("endpoint", "https://comments.example/api"),
            ("list", "off"),
        ]),
        None,
    );
    type_text(&host, "Bản nháp theo địa chỉ trang", false);
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&before))
        .unwrap();
    let location = window().location();
    let mut key = String::from("binhluan:draft:");
    key.push_str(&location.origin().unwrap());
    key.push_str(&location.pathname().unwrap());
    let storage = window().local_storage().unwrap().unwrap();
    let stored = storage.get_item(&key).unwrap();
    storage.remove_item(&key).unwrap();
    assert!(stored.is_some_and(|d| d.contains("Bản nháp theo địa chỉ trang")));
}

#[wasm_bindgen_test]
async fn times_are_local_in_vietnamese_form_and_relative_when_recent() {
    let now = js_sys::Date::now();
    let recent = js_sys::Date::new(&JsValue::from_f64(now - 5.0 * 60_000.0 - 5_000.0));
    let recent = String::from(recent.to_iso_string());
    let old = "2026-01-04T20:41:00Z";
    let mut list = String::from(
        r#"{"article": "a", "page": 1, "per_page": 20, "total": 2, "comments": [{"id": 2, "name": "Lan", "content": "Mới", "created_at": ""#,
    );
    list.push_str(&recent);
    list.push_str(r#""}, {"id": 1, "name": "", "content": "Cũ", "created_at": ""#);
    list.push_str(old);
    list.push_str(r#""}]}"#);
    stub_fetch_with_list(&[(201, "{}")], Some(&list));
    let (host, _handle) = mount("times", &[("list", "on")]);
    assert!(
        wait_for(3000, || host
            .shadow_root()
            .unwrap()
            .query_selector("time")
            .unwrap()
            .is_some())
        .await
    );
    let times = host
        .shadow_root()
        .unwrap()
        .query_selector_all("time")
        .unwrap();
    let first: web_sys::Element = times.get(0).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("datetime").unwrap(), recent);
    assert_eq!(first.text_content().unwrap(), "5 phút trước");
    let second: web_sys::Element = times.get(1).unwrap().unchecked_into();
    assert_eq!(second.get_attribute("datetime").unwrap(), old);
    // The reader's own time zone, as the article's dateline writes it.
    let at = js_sys::Date::new(&old.into());
    let two = |n: u32| {
        if n < 10 {
            format!("0{n}")
        } else {
            n.to_string()
        }
    };
    let expected = format!(
        "{}:{} {}/{}/{}",
        two(at.get_hours()),
        two(at.get_minutes()),
        two(at.get_date()),
        two(at.get_month() + 1),
        at.get_full_year()
    );
    assert_eq!(second.text_content().unwrap(), expected);
    assert_eq!(second.get_attribute("title").unwrap(), expected);
}

#[wasm_bindgen_test]
fn the_default_theme_follows_the_page_and_light_or_dark_force_it() {
    let document = window().document().unwrap();
    for (background, theme, expected) in [
        ("#111418", None, "dark"),
        ("#fdfdfd", None, "light"),
        ("#111418", Some("light"), "light"),
        ("#ffffff", Some("dark"), "dark"),
    ] {
        let page = document.create_element("div").unwrap();
        let mut style = String::from("background:");
        style.push_str(background);
        page.set_attribute("style", &style).unwrap();
        let host = document.create_element("div").unwrap();
        page.append_child(&host).unwrap();
        document.body().unwrap().append_child(&page).unwrap();
        let mut pairs = vec![
            ("endpoint", "https://comments.example/api"),
            ("articleId", "theme"),
            ("list", "off"),
        ];
        if let Some(theme) = theme {
            pairs.push(("theme", theme));
        }
        let _handle = binhluan::mount(&host, options(&pairs), None);
        assert_eq!(
            find(&host, ".box").get_attribute("data-theme").unwrap(),
            expected,
            "{background} {theme:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn an_unfinished_comment_is_not_an_error_until_the_reader_posts_or_leaves() {
    let (host, _handle) = mount("unfinished", &[]);
    type_text(&host, "Bài viết", false);
    sleep(400).await;
    assert_eq!(state_of(&host, "words"), "todo", "a pause is not an error");
    fire(&host, "textarea", "blur");
    assert_eq!(state_of(&host, "words"), "fail", "leaving the box is");
}

#[wasm_bindgen_test]
fn a_conversion_is_announced_once() {
    let (host, _handle) = mount("converted-once", &[]);
    type_text(
        &host,
        "Tieesng Vieejt cos daaus raast hay, camr own bajn nhieeuf",
        false,
    );
    fire(&host, "[part=convert]", "click");
    let said = host
        .shadow_root()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert_eq!(
        said.matches("Đã chuyển sang tiếng Việt có dấu.").count(),
        1,
        "{said}"
    );
}

#[wasm_bindgen_test]
async fn the_name_is_remembered_for_the_next_comment() {
    stub_fetch(&[(201, r#"{"id": 5, "status": "pending"}"#)]);
    let (host, _handle) = mount("named", &[]);
    let name: web_sys::HtmlInputElement = find(&host, "input[autocomplete=name]").unchecked_into();
    name.set_value("Nguyễn Thị Lan");
    type_text(&host, TEN_WORDS, false);
    assert!(
        submit_and_wait_for_status(
            &host,
            "Bình luận của bạn đã được gửi và đang chờ duyệt.",
            3000
        )
        .await
    );
    let (other, _other) = mount("named-elsewhere", &[]);
    let name: web_sys::HtmlInputElement = find(&other, "input[autocomplete=name]").unchecked_into();
    assert_eq!(name.value(), "Nguyễn Thị Lan");
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("binhluan:name")
        .unwrap();
}

#[wasm_bindgen_test]
async fn after_the_last_page_focus_goes_to_the_list() {
    let page = |n: u32, total: u32| {
        let mut body = String::from(r#"{"article": "a", "page": "#);
        body.push_str(&n.to_string());
        body.push_str(r#", "per_page": 1, "total": "#);
        body.push_str(&total.to_string());
        body.push_str(r#", "comments": [{"id": 1, "name": "Lan", "content": "Một", "created_at": "2026-01-01T00:00:00Z"}]}"#);
        body
    };
    stub_fetch_with_list(&[(201, "{}")], Some(&page(1, 2)));
    let (host, _handle) = mount("last-page", &[("list", "on")]);
    let more: web_sys::HtmlElement = find(&host, "[part=more]").unchecked_into();
    assert!(wait_for(3000, || !more.hidden()).await);
    js_sys::Reflect::set(&window(), &"__list".into(), &page(2, 2).into()).unwrap();
    more.focus().unwrap();
    more.click();
    assert!(wait_for(3000, || more.hidden()).await);
    let focused = host.shadow_root().unwrap().active_element();
    assert_eq!(focused.map(|f| f.local_name()).as_deref(), Some("ol"));
}

#[wasm_bindgen_test]
async fn a_closed_article_says_so_and_takes_no_comment() {
    stub_fetch_with_list(
        &[(201, "{}")],
        Some(
            r#"{"article": "a", "page": 1, "per_page": 20, "total": 0, "comments": [], "closed": true}"#,
        ),
    );
    let (host, _handle) = mount("closed", &[("list", "on")]);
    assert!(
        wait_for(3000, || text_of(&host, "[role=status]")
            == "Bình luận đã đóng.")
        .await
    );
    let button = find(&host, "button[type=submit]");
    assert!(button.has_attribute("disabled"));
    assert!(find(&host, "textarea").has_attribute("readonly"));
}

#[wasm_bindgen_test]
async fn text_that_is_not_vietnamese_fails_the_diacritics_line_only_once_the_reader_posts() {
    let (host, _handle) = mount("undetermined", &[]);
    type_text(
        &host,
        "This is a very nice article and I learned a lot from it today",
        false,
    );
    let line = find(&host, "[data-rule=diacritics]");
    assert_eq!(line.get_attribute("data-state").as_deref(), Some("todo"));
    submit(&host);
    assert_eq!(line.get_attribute("data-state").as_deref(), Some("fail"));
}

#[wasm_bindgen_test]
async fn more_comments_follow_the_endpoints_cursor() {
    let page = |next: Option<&str>| {
        let mut body = String::from(
            r#"{"article": "a", "page": 1, "per_page": 1, "total": 99, "comments": [{"id": 1, "name": "Lan", "content": "Một", "created_at": "2026-01-01T00:00:00Z"}]"#,
        );
        if let Some(next) = next {
            body.push_str(r#", "next": ""#);
            body.push_str(next);
            body.push('"');
        }
        body.push('}');
        body
    };
    stub_fetch_with_list(&[(201, "{}")], Some(&page(Some("1767225600000.7"))));
    let (host, _handle) = mount("cursor", &[("list", "on")]);
    let more: web_sys::HtmlElement = find(&host, "[part=more]").unchecked_into();
    assert!(wait_for(3000, || !more.hidden()).await);
    // The last page: no cursor, and a total the page number alone would not exhaust.
    js_sys::Reflect::set(&window(), &"__list".into(), &page(None).into()).unwrap();
    more.click();
    assert!(wait_for(3000, || calls().length() == 2).await);
    let url: String = js_sys::Array::from(&calls().get(1))
        .get(0)
        .as_string()
        .unwrap();
    assert!(url.contains("after=1767225600000.7"), "{url}");
    assert!(!url.contains("page="), "{url}");
}

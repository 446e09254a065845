//! The HTTP contract of `POST /api/comments` and `GET /api/comments` (docs/endpoint.md),
//! against the real router in-process: one suite, run on a real SQLite file and on a real
//! PostgreSQL database (`sqlite::NAME` and `postgres::NAME`; the latter through
//! server/tests/pg.sh, which `npm test` uses).

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use tokio::sync::Barrier;

use binhluan_rules::{check, Rules, Verdict};
use common::db::TestDb;
use common::router::TestApp;
use common::{assert_fixtures, comment, numbered, BAD, GOOD, GOOD2};
use serde_json::{json, Value};

on_both_stores!(
    accepts_a_good_comment_and_refuses_a_bad_one,
    verdicts_match_the_library_for_the_shared_table,
    rules_options_reach_the_check,
    malformed_requests_get_json_errors,
    the_same_idempotency_key_never_stores_twice,
    concurrent_duplicates_store_once,
    rate_limit_answers_429_with_retry_after,
    bodies_over_64_kb_are_refused,
    cors_only_for_configured_origins,
    own_origin_is_the_configured_one_never_the_host_header,
    any_origin_with_a_star,
    noscript_form_posts,
    listing_is_published_only_newest_first_paged_and_private,
    pages_by_cursor_reach_the_end_and_deep_pages_by_number_are_refused,
    a_honeypot_is_spam_a_fast_post_is_held_with_its_reason_and_neither_is_told_published,
    the_same_text_again_on_the_same_article_is_refused_with_a_clear_message,
    the_listing_announces_the_rules_the_server_enforces,
    every_reply_names_its_request,
    the_desk_is_served_on_both_stores,
);

async fn accepts_a_good_comment_and_refuses_a_bad_one(db: TestDb) {
    assert_fixtures();
    let server = TestApp::start(&db, &[]).await;
    if let Some(path) = db.path() {
        assert!(
            path.exists(),
            "the database and its folders are created on start"
        );
    }

    let created = server.post(&comment("bai-1", GOOD)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(
        created.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let v = created.json();
    assert!(v["id"].as_i64().unwrap() > 0);
    assert_eq!(
        v["status"], "pending",
        "held for moderation without --auto-publish"
    );
    assert_eq!(v.as_object().unwrap().len(), 2, "{v}");

    let refused = server.post(&comment("bai-1", BAD)).await;
    refused.assert_error(422, "rules");
    let body = refused.json();
    let verdict: Verdict = serde_json::from_value(body["verdict"].clone()).unwrap();
    assert_eq!(verdict, check(BAD, &Rules::default()));
    assert!(body["message"].as_str().unwrap().contains("chữ"), "{body}");
}

/// The shared table `rules/tests/cases/verdicts.json`: the server's 422 verdict is
/// exactly what the library gives natively, and the server stores a comment iff the
/// library says ok. (The expected `ok`/`problems` in the table are asserted by the rules'
/// own tests, natively and in wasm; here only server == library.)
async fn verdicts_match_the_library_for_the_shared_table(db: TestDb) {
    let table = include_str!("../../rules/tests/cases/verdicts.json");
    let cases: Vec<Value> = serde_json::from_str(table).unwrap();
    assert!(cases.len() >= 30, "the shared table lost its cases");
    let server = TestApp::start(&db, &["--rate-limit", "0", "--auto-publish"]).await;
    let rules = Rules::default();
    let mut stored = 0;
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let native = check(text, &rules);
        let reply = server.post(&comment("bang", text)).await;
        if native.ok {
            assert_eq!(reply.status, 201, "{text:?}: {}", reply.body);
            stored += 1;
        } else {
            reply.assert_error(422, "rules");
            let served: Verdict = serde_json::from_value(reply.json()["verdict"].clone())
                .unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(served, native, "{text:?}");
        }
    }
    assert_eq!(server.list("bang", 1).await["total"], stored);
}

async fn rules_options_reach_the_check(db: TestDb) {
    let server = TestApp::start(&db, &["--min-words", "3", "--max-length", "30"]).await;
    let rules = Rules {
        min_words: 3,
        max_length: 30,
        ..Rules::default()
    };
    for text in [GOOD, GOOD2, BAD, "Cảm ơn tác giả nhé"] {
        let native = check(text, &rules);
        let reply = server.post(&comment("opt", text)).await;
        if native.ok {
            assert_eq!(reply.status, 201, "{text:?}");
        } else {
            reply.assert_error(422, "rules");
            let served: Verdict = serde_json::from_value(reply.json()["verdict"].clone()).unwrap();
            assert_eq!(served, native);
        }
    }
    // GOOD is longer than 30 characters under any rules.
    let too_long: Verdict =
        serde_json::from_value(server.post(&comment("opt", GOOD)).await.json()["verdict"].clone())
            .unwrap();
    assert_eq!(too_long.max_length, 30);
}

async fn malformed_requests_get_json_errors(db: TestDb) {
    let server = TestApp::start(&db, &[]).await;
    let url = server.url("api/comments");
    server
        .call("POST", &url)
        .send(Some("{not json"))
        .await
        .assert_error(400, "bad-request");
    server
        .call("POST", &url)
        .send(Some(r#"{"content": "x"}"#))
        .await
        .assert_error(400, "bad-request");
    server
        .call("POST", &url)
        .send(Some(r#"{"article_id": "a"}"#))
        .await
        .assert_error(400, "bad-request");
    server
        .call("POST", &url)
        .send(Some(r#"{"article_id": " ", "content": "x"}"#))
        .await
        .assert_error(400, "bad-request");
    let long_name = comment("a", GOOD2);
    let mut long_name = long_name.as_object().unwrap().clone();
    long_name.insert("name".into(), json!("x".repeat(101)));
    server
        .call("POST", &url)
        .send(Some(&Value::Object(long_name).to_string()))
        .await
        .assert_error(400, "bad-request");
    server
        .call("POST", &url)
        .set("Content-Type", "text/plain")
        .send(Some(&comment("a", GOOD2).to_string()))
        .await
        .assert_error(415, "unsupported-media-type");
    server
        .call("GET", &url)
        .send(None)
        .await
        .assert_error(400, "bad-request");
    server
        .call("GET", &format!("{url}?article=a&page=0"))
        .send(None)
        .await
        .assert_error(400, "bad-request");
    server
        .call("GET", &format!("{url}?article=a&page=x"))
        .send(None)
        .await
        .assert_error(400, "bad-request");
    server
        .call("GET", &server.url("api/nothing"))
        .send(None)
        .await
        .assert_error(404, "not-found");
    server
        .call("GET", &server.url("index.html"))
        .send(None)
        .await
        .assert_error(404, "not-found");
    server
        .call("PUT", &url)
        .send(Some("{}"))
        .await
        .assert_error(405, "method-not-allowed");
    // Unknown fields and nulls are fine.
    let mut extra = comment("a", GOOD2).as_object().unwrap().clone();
    extra.insert("future_field".into(), json!({"x": [1, 2]}));
    extra.insert("email".into(), Value::Null);
    extra.insert("typing_ms".into(), json!(12345.6));
    extra.insert("client".into(), json!({"rules_version": 3, "verdict": "?"}));
    let reply = server
        .call("POST", &url)
        .send(Some(&Value::Object(extra).to_string()))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    // The minimal request: article_id and content only.
    let minimal = json!({"article_id": "a", "content": GOOD});
    assert_eq!(server.post(&minimal).await.status, 201);
}

async fn the_same_idempotency_key_never_stores_twice(db: TestDb) {
    let server = TestApp::start(&db, &["--auto-publish", "--rate-limit", "0"]).await;
    let url = server.url("api/comments");
    let body = comment("bai-1", GOOD).to_string();
    let first = server
        .call("POST", &url)
        .set("Idempotency-Key", "k-1")
        .send(Some(&body))
        .await;
    assert_eq!(first.status, 201);
    let again = server
        .call("POST", &url)
        .set("Idempotency-Key", "k-1")
        .send(Some(&body))
        .await;
    assert_eq!((again.status, &again.body), (201, &first.body));

    // The field works too, and the header wins over it.
    let mut with_field = comment("bai-1", GOOD2);
    with_field["idempotency_key"] = json!("field-key");
    let by_header = server
        .call("POST", &url)
        .set("Idempotency-Key", "header-key")
        .send(Some(&with_field.to_string()))
        .await;
    assert_eq!(by_header.status, 201);
    with_field["idempotency_key"] = json!("header-key");
    let by_field = server.post(&with_field).await;
    assert_eq!((by_field.status, &by_field.body), (201, &by_header.body));
    with_field["idempotency_key"] = json!("field-key");
    with_field["content"] = json!(numbered(GOOD2, 2));
    assert_ne!(
        server.post(&with_field).await.body,
        by_header.body,
        "field-key was never used"
    );

    // Per article: the same key on another article is another comment.
    let other = server
        .call("POST", &url)
        .set("Idempotency-Key", "k-1")
        .send(Some(&comment("bai-2", GOOD).to_string()))
        .await;
    assert_eq!(other.status, 201);
    assert_ne!(other.json()["id"], first.json()["id"]);

    // The same key with a different comment is refused, and stores nothing.
    server
        .call("POST", &url)
        .set("Idempotency-Key", "k-1")
        .send(Some(&comment("bai-1", &numbered(GOOD2, 9)).to_string()))
        .await
        .assert_error(409, "idempotency-key-reused");

    assert_eq!(server.list("bai-1", 1).await["total"], 3);
    assert_eq!(server.list("bai-2", 1).await["total"], 1);
}

async fn concurrent_duplicates_store_once(db: TestDb) {
    let server = TestApp::start(&db, &["--auto-publish", "--rate-limit", "0"]).await;
    let threads = 12;
    let barrier = Arc::new(Barrier::new(threads));
    let tasks: Vec<_> = (0..threads)
        .map(|_| {
            let (server, barrier) = (server.clone(), barrier.clone());
            tokio::spawn(async move {
                let body = comment("dong-thoi", GOOD).to_string();
                let req = server
                    .call("POST", &server.url("api/comments"))
                    .set("Idempotency-Key", "same-key");
                barrier.wait().await;
                let reply = req.send(Some(&body)).await;
                (reply.status, reply.body)
            })
        })
        .collect();
    let mut replies: Vec<(u16, String)> = Vec::new();
    for task in tasks {
        replies.push(task.await.unwrap());
    }
    assert!(replies.iter().all(|r| r == &replies[0]), "{replies:?}");
    assert_eq!(replies[0].0, 201);
    assert_eq!(server.list("dong-thoi", 1).await["total"], 1);
}

async fn rate_limit_answers_429_with_retry_after(db: TestDb) {
    let server = TestApp::start(&db, &["--rate-limit", "3"]).await;
    // Every post counts, accepted or not.
    assert_eq!(server.post(&comment("a", GOOD)).await.status, 201);
    assert_eq!(server.post(&comment("a", BAD)).await.status, 422);
    assert_eq!(server.post(&comment("a", GOOD2)).await.status, 201);
    let limited = server.post(&comment("a", GOOD)).await;
    limited.assert_error(429, "rate-limited");
    // 3 a minute: the next post is back 20 s after the burst.
    let secs: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((19..=20).contains(&secs), "{secs}");
    // Reading is not limited.
    assert_eq!(server.list("a", 1).await["total"], 0);
}

async fn bodies_over_64_kb_are_refused(db: TestDb) {
    let server = TestApp::start(&db, &[]).await;
    let url = server.url("api/comments");
    // Exactly 64 KB is read (and then fails the rules for its length).
    let fill = 64 * 1024 - comment("a", "").to_string().len();
    let exact = comment("a", &"a".repeat(fill)).to_string();
    assert_eq!(exact.len(), 64 * 1024);
    let reply = server.call("POST", &url).send(Some(&exact)).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let over = comment("a", &"a".repeat(fill + 1)).to_string();
    server
        .call("POST", &url)
        .send(Some(&over))
        .await
        .assert_error(413, "too-large");

    // Without a Content-Length (chunked), the limit holds while reading.
    let chunks = (0..7).map(|_| Ok::<_, std::io::Error>("x".repeat(10 * 1024)));
    let streamed = Request::post(&url)
        .header("content-type", "application/json")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    server
        .request(streamed)
        .await
        .assert_error(413, "too-large");
    // A huge Content-Length is refused before the body is read (on a socket too:
    // process.rs).
    let huge = Request::post(&url)
        .header("content-type", "application/json")
        .header("content-length", "10000000000")
        .body(Body::empty())
        .unwrap();
    server.request(huge).await.assert_error(413, "too-large");
}

async fn cors_only_for_configured_origins(db: TestDb) {
    let server = TestApp::start(
        &db,
        &[
            "--allow-origin",
            "https://bao.example",
            "--allow-origin",
            "https://tin.example",
            "--allow-header",
            "X-CSRF-Token",
            "--rate-limit",
            "0",
        ],
    )
    .await;
    let url = server.url("api/comments");
    let preflight = |origin: &str, headers: &str| {
        server
            .call("OPTIONS", &url)
            .set("Origin", origin)
            .set("Access-Control-Request-Method", "POST")
            .set("Access-Control-Request-Headers", headers)
            .send(None)
    };
    let ok = preflight(
        "https://bao.example",
        "content-type,idempotency-key,x-csrf-token",
    )
    .await;
    assert_eq!(ok.status, 204, "{}", ok.body);
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("https://bao.example")
    );
    let allowed = ok
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase();
    for h in ["content-type", "idempotency-key", "x-csrf-token"] {
        assert!(allowed.contains(h), "{allowed}");
    }
    assert!(ok
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert!(ok.header("vary").unwrap().contains("Origin"));

    let refused = preflight("https://evil.example", "content-type").await;
    refused.assert_error(403, "forbidden-origin");
    assert_eq!(refused.header("access-control-allow-origin"), None);
    preflight("https://bao.example", "content-type, x-other")
        .await
        .assert_error(403, "forbidden-origin");

    // The actual requests.
    let body = comment("cors", GOOD).to_string();
    let from_site = server
        .call("POST", &url)
        .set("Origin", "https://tin.example")
        .send(Some(&body))
        .await;
    assert_eq!(from_site.status, 201);
    assert_eq!(
        from_site.header("access-control-allow-origin"),
        Some("https://tin.example")
    );
    assert_eq!(
        from_site.header("access-control-expose-headers"),
        Some("Retry-After")
    );
    let from_elsewhere = server
        .call("POST", &url)
        .set("Origin", "https://evil.example")
        .send(Some(&body))
        .await;
    from_elsewhere.assert_error(403, "forbidden-origin");
    // The server's own pages (the --www demo) are always allowed.
    let own = server.base.trim_end_matches('/').to_owned();
    assert_eq!(
        server
            .call("POST", &url)
            .set("Origin", &own)
            .send(Some(&comment("cors", GOOD2).to_string()))
            .await
            .status,
        201
    );
    // Reading from elsewhere is answered but without CORS headers, so browsers hide it.
    let read = server
        .call("GET", &format!("{url}?article=cors"))
        .set("Origin", "https://evil.example")
        .send(None)
        .await;
    assert_eq!(read.status, 200);
    assert_eq!(read.header("access-control-allow-origin"), None);
    assert_eq!(
        read.json()["total"],
        0,
        "nothing published without --auto-publish"
    );
    // Two were stored, the refused one was not.
    let listed = server.comments(&["list", "--pending"]);
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout).lines().count(),
        1 + 2
    );
}

/// "Own origin" is the origin the server is configured with, never one that merely equals
/// the `Host` header: a page of evil.example whose name resolves to this server (DNS
/// rebinding) sends both `Origin: http://evil.example` and `Host: evil.example`.
async fn own_origin_is_the_configured_one_never_the_host_header(db: TestDb) {
    // Each post its own text: the same text twice on one article is a `duplicate`.
    let sent = std::sync::atomic::AtomicU32::new(0);
    let post = |server: &TestApp, origin: &str, host: &str| {
        let n = sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = comment("own", &numbered(GOOD, n as usize)).to_string();
        let call = server
            .call("POST", "/api/comments")
            .set("Origin", origin)
            .set("Host", host);
        async move { call.send(Some(&body)).await }
    };
    let server = TestApp::start(&db, &["--rate-limit", "0"]).await;
    post(&server, "http://evil.example", "evil.example")
        .await
        .assert_error(403, "forbidden-origin");
    post(&server, "http://evil.example:8787", "evil.example:8787")
        .await
        .assert_error(403, "forbidden-origin");
    // Without --public-origin, the address it listens on is its own (and localhost's name
    // for a loopback address), whatever the Host header says.
    for own in ["http://127.0.0.1:8787", "http://localhost:8787"] {
        assert_eq!(
            post(&server, own, "evil.example").await.status,
            201,
            "{own}"
        );
    }
    let public = TestApp::start(
        &db,
        &[
            "--rate-limit",
            "0",
            "--public-origin",
            "https://binhluan.example/",
        ],
    )
    .await;
    assert_eq!(
        post(&public, "https://binhluan.example", "binhluan.example")
            .await
            .status,
        201
    );
    post(&public, "http://127.0.0.1:8787", "127.0.0.1:8787")
        .await
        .assert_error(403, "forbidden-origin");
}

async fn any_origin_with_a_star(db: TestDb) {
    let server = TestApp::start(&db, &["--allow-origin", "*"]).await;
    let reply = server
        .call("OPTIONS", &server.url("api/comments"))
        .set("Origin", "https://any.example")
        .set("Access-Control-Request-Method", "POST")
        .set("Access-Control-Request-Headers", "content-type")
        .send(None)
        .await;
    assert_eq!(reply.status, 204);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("https://any.example")
    );
}

async fn form_post(
    server: &TestApp,
    fields: &[(&str, &str)],
    referer: Option<&str>,
) -> common::Reply {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut req = server
        .call("POST", &server.url("api/comments"))
        .set("Content-Type", "application/x-www-form-urlencoded");
    if let Some(referer) = referer {
        req = req.set("Referer", referer);
    }
    req.send(Some(&body)).await
}

/// application/x-www-form-urlencoded encoding of one value.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn noscript_form_posts(db: TestDb) {
    let server = TestApp::start(&db, &["--auto-publish", "--rate-limit", "0"]).await;
    // Stored: 303 back to the article.
    let sent = form_post(
        &server,
        &[
            ("article_id", "form"),
            ("article_url", "https://bao.example/bai-1#binh-luan"),
            ("name", "Trần Văn Bình"),
            ("content", GOOD),
            ("website", ""),
        ],
        None,
    )
    .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(
        sent.header("location"),
        Some("https://bao.example/bai-1#binhluan-sent")
    );
    let listed = server.list("form", 1).await;
    assert_eq!(listed["comments"][0]["content"], GOOD);
    assert_eq!(listed["comments"][0]["name"], "Trần Văn Bình");

    // Without article_url the Referer leads back.
    let sent = form_post(
        &server,
        &[("article_id", "form"), ("content", GOOD2)],
        Some("http://127.0.0.1/bai-2"),
    )
    .await;
    assert_eq!(
        sent.header("location"),
        Some("http://127.0.0.1/bai-2#binhluan-sent")
    );

    // Nowhere to go back to: a page saying so.
    let third = numbered(GOOD2, 3);
    let page = form_post(
        &server,
        &[("article_id", "form"), ("content", &third)],
        None,
    )
    .await;
    assert_eq!(page.status, 201);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(
        page.body.contains("Bình luận đã được đăng."),
        "{}",
        page.body
    );

    // Refused: the message as a page, with a link back, and the same status as JSON.
    let refused = form_post(
        &server,
        &[
            ("article_id", "form"),
            ("article_url", "https://bao.example/bai-1"),
            ("content", BAD),
        ],
        None,
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Cần tối thiểu"), "{}", refused.body);
    assert!(refused.body.contains("href=\"https://bao.example/bai-1\""));
    // A javascript: address is never a link back.
    let sneaky = form_post(
        &server,
        &[
            ("article_id", "form"),
            ("article_url", "javascript:alert(1)"),
            ("content", BAD),
        ],
        None,
    )
    .await;
    assert!(!sneaky.body.contains("javascript:"), "{}", sneaky.body);
    // Malformed: 400 as a page.
    let malformed = form_post(&server, &[("content", GOOD)], None).await;
    assert_eq!(malformed.status, 400);
    assert_eq!(server.list("form", 1).await["total"], 3);
}

async fn listing_is_published_only_newest_first_paged_and_private(db: TestDb) {
    let server = TestApp::start(&db, &["--auto-publish", "--rate-limit", "0"]).await;
    let mut ids = Vec::new();
    for i in 0..25 {
        let text = numbered(if i % 2 == 0 { GOOD } else { GOOD2 }, i);
        let reply = server.post(&comment("trang", &text)).await;
        assert_eq!(reply.status, 201);
        ids.push(reply.json()["id"].as_i64().unwrap());
    }
    server.post(&comment("bai-khac", GOOD)).await;
    let mut spam = comment("trang", GOOD);
    spam["website"] = json!("http://spam.example");
    assert_eq!(
        server.post(&spam).await.json()["status"],
        "pending",
        "never told published when it is not"
    );

    let first = server.list("trang", 1).await;
    assert_eq!(first["article"], "trang");
    assert_eq!(
        (first["page"].clone(), first["per_page"].clone()),
        (json!(1), json!(20))
    );
    assert_eq!(
        first["total"], 25,
        "other articles and spam are not counted"
    );
    let second = server.list("trang", 2).await;
    let listed: Vec<i64> = [&first, &second]
        .iter()
        .flat_map(|p| p["comments"].as_array().unwrap())
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    ids.reverse();
    assert_eq!(listed, ids, "newest first, 20 then 5");
    assert_eq!(server.list("trang", 3).await["comments"], json!([]));
    for c in first["comments"].as_array().unwrap() {
        let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["content", "created_at", "id", "name"], "{c}");
        let at = c["created_at"].as_str().unwrap();
        assert!(
            at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
            "{at}"
        );
    }
    assert!(!first.to_string().contains("lan@example.com"));
    assert!(!first.to_string().contains("127.0.0.1"));
    assert_eq!(server.list("khong-co", 1).await["total"], 0);
}

/// `next` leads through the whole list, each comment once, newest first, to a last page
/// without `next`; `page=N` works for the first pages only; lists may be cached briefly by
/// shared caches, errors never.
async fn pages_by_cursor_reach_the_end_and_deep_pages_by_number_are_refused(db: TestDb) {
    let server = TestApp::start(&db, &["--auto-publish", "--rate-limit", "0"]).await;
    let mut ids = Vec::new();
    for i in 0..45 {
        let reply = server
            .post(&comment(
                "sau",
                &numbered(if i % 2 == 0 { GOOD } else { GOOD2 }, i),
            ))
            .await;
        ids.push(reply.json()["id"].as_i64().unwrap());
    }
    ids.reverse();
    let mut listed = Vec::new();
    let mut page = server.list("sau", 1).await;
    let mut numbers = vec![page["page"].as_u64().unwrap()];
    while let Some(next) = page["next"].as_str().map(str::to_owned) {
        listed.extend(
            page["comments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap()),
        );
        page = server
            .list_by(&[("article", "sau"), ("after", &next)])
            .await;
        numbers.push(page["page"].as_u64().unwrap());
        assert_eq!(page["total"], 45);
    }
    listed.extend(
        page["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap()),
    );
    assert_eq!(listed, ids);
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(page["comments"].as_array().unwrap().len(), 5);
    // A page by number has the same `next`; `after` wins over `page`.
    let second = server.list("sau", 2).await;
    assert_eq!(
        second["comments"],
        server
            .list_by(&[
                ("article", "sau"),
                (
                    "after",
                    server.list("sau", 1).await["next"].as_str().unwrap()
                ),
                ("page", "9")
            ])
            .await["comments"]
    );
    assert!(second["next"].is_string());
    assert!(server.list("sau", 3).await.get("next").is_none());

    let reply = server
        .call("GET", "/api/comments?article=sau")
        .send(None)
        .await;
    assert_eq!(
        reply.header("cache-control"),
        Some("public, max-age=0, s-maxage=5")
    );
    assert_eq!(server.list("sau", 50).await["comments"], json!([]));
    for query in [
        "article=sau&page=51",
        "article=sau&after=x",
        "article=sau&after=1.2",
    ] {
        let refused = server
            .call("GET", &format!("/api/comments?{query}"))
            .send(None)
            .await;
        refused.assert_error(400, "bad-request");
        assert_eq!(refused.header("cache-control"), Some("no-store"), "{query}");
    }
}

async fn a_honeypot_is_spam_a_fast_post_is_held_with_its_reason_and_neither_is_told_published(
    db: TestDb,
) {
    let server = TestApp::start(&db, &["--rate-limit", "0", "--auto-publish"]).await;
    let normal = server.post(&comment("bai", GOOD)).await;
    let mut honeypot = comment("bai", &numbered(GOOD, 1));
    honeypot["website"] = json!("https://spam.example");
    let trapped = server.post(&honeypot).await;
    // GOOD has 14 white-space separated words (16 numbered): a person needs 3.2 s.
    let mut fast = comment("bai", &numbered(GOOD, 2));
    fast["typing_ms"] = json!(3199);
    let too_fast = server.post(&fast).await;
    let mut human = comment("bai", &numbered(GOOD, 3));
    human["typing_ms"] = json!(3200);
    let human = server.post(&human).await;
    for (reply, told) in [
        (&normal, "published"),
        (&trapped, "pending"),
        (&too_fast, "pending"),
        (&human, "published"),
    ] {
        assert_eq!(reply.status, 201);
        assert_eq!(reply.json()["status"], told, "{}", reply.body);
        assert_eq!(reply.header("content-type"), normal.header("content-type"));
    }
    let spam = String::from_utf8(server.comments(&["list", "--spam"]).stdout).unwrap();
    assert!(spam.contains("spam:honeypot"), "{spam}");
    assert_eq!(spam.lines().count(), 1 + 1, "{spam}");
    let pending = String::from_utf8(server.comments(&["list", "--pending"]).stdout).unwrap();
    assert!(pending.contains("\tpending:too-fast\t"), "{pending}");
    assert_eq!(pending.lines().count(), 1 + 1, "{pending}");
    assert_eq!(server.list("bai", 1).await["total"], 2);
}

async fn the_same_text_again_on_the_same_article_is_refused_with_a_clear_message(db: TestDb) {
    let server = TestApp::start(&db, &["--rate-limit", "0", "--auto-publish"]).await;
    let url = "/api/comments";
    let keyed = |key: &'static str, article: &'static str| {
        let body = comment(article, GOOD).to_string();
        let call = server.call("POST", url).set("Idempotency-Key", key);
        async move { call.send(Some(&body)).await }
    };
    let first = keyed("k-1", "bai").await;
    assert_eq!(first.status, 201);
    // A retry of the same post (same key) is still replayed, not refused.
    let retried = keyed("k-1", "bai").await;
    assert_eq!((retried.status, &retried.body), (201, &first.body));
    let again = keyed("k-2", "bai").await;
    again.assert_error(409, "duplicate");
    assert!(
        again.json()["message"].as_str().unwrap().contains("đã gửi"),
        "{}",
        again.body
    );
    server
        .post(&comment("bai", GOOD))
        .await
        .assert_error(409, "duplicate");
    // Another article, or another text, is welcome.
    assert_eq!(keyed("k-3", "bai-khac").await.status, 201);
    assert_eq!(server.post(&comment("bai", GOOD2)).await.status, 201);
    assert_eq!(server.list("bai", 1).await["total"], 2);
}

async fn the_listing_announces_the_rules_the_server_enforces(db: TestDb) {
    let server = TestApp::start(&db, &["--min-words", "15", "--max-length", "500"]).await;
    assert_eq!(
        server.list("bai", 1).await["rules"],
        json!({"min_words": 15, "max_length": 500, "emails_are_links": true})
    );
}

async fn every_reply_names_its_request(db: TestDb) {
    let server = TestApp::start(&db, &[]).await;
    let made = server
        .call("GET", "/api/comments?article=a")
        .send(None)
        .await;
    let id = made.header("x-request-id").expect("an id is made");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let again = server
        .call("GET", "/api/comments?article=a")
        .send(None)
        .await;
    assert_ne!(again.header("x-request-id"), Some(id));
    // The client's own id is kept, on errors too.
    let given = server
        .call("POST", "/api/comments")
        .set("X-Request-Id", "tu-trinh-duyet-1")
        .send(Some("{not json"))
        .await;
    given.assert_error(400, "bad-request");
    assert_eq!(given.header("x-request-id"), Some("tu-trinh-duyet-1"));
}

/// A symbolic link in `--www` is served only when it stays inside the folder.
#[cfg(unix)]
#[tokio::test]
async fn links_out_of_the_static_folder_are_not_followed() {
    let db = TestDb::sqlite();
    let www = db.dir.path().join("www");
    std::fs::create_dir_all(www.join("sub")).unwrap();
    std::fs::write(db.dir.path().join("secret.txt"), "secret").unwrap();
    std::fs::write(www.join("sub/inside.txt"), "inside").unwrap();
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, www.join(name)).unwrap();
    };
    link(&db.dir.path().join("secret.txt"), "x.txt");
    link(db.dir.path(), "up");
    link(std::path::Path::new("/etc"), "etc");
    link(&www.join("sub/inside.txt"), "alias.txt");
    // A precompressed sibling that leads out is refused with its file.
    std::fs::write(www.join("page.js"), "inside").unwrap();
    link(&db.dir.path().join("secret.txt"), "page.js.br");
    let server = TestApp::start(&db, &["--www", www.to_str().unwrap()]).await;
    for path in [
        "/x.txt",
        "/up/secret.txt",
        "/etc/passwd",
        "/etc/hostname",
        "/page.js",
    ] {
        server
            .call("GET", path)
            .set("accept-encoding", "br")
            .send(None)
            .await
            .assert_error(404, "not-found");
    }
    for path in ["/alias.txt", "/sub/inside.txt"] {
        let reply = server.call("GET", path).send(None).await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (200, "inside"),
            "{path}"
        );
    }
}

/// The built widget folder as `.ci/build` writes it: hashed files kept a year, the loader
/// five minutes, pages revalidated; each file's `.br` or `.gz` sibling sent when the
/// request accepts that encoding (brotli first), with the original's type and
/// `Vary: Accept-Encoding`; the plain file otherwise.
#[tokio::test]
async fn the_widget_folder_is_cached_by_name_and_sent_precompressed() {
    let db = TestDb::sqlite();
    let www = db.dir.path().join("www");
    let widget = www.join("binhluan");
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::write(www.join("index.html"), "page").unwrap();
    // The siblings hold marker text, so the reply shows which file was sent.
    for name in [
        "binhluan.js",
        "binhluan_core_bg.3f9a1c2b.wasm",
        "binhluan_core.0123abcd.js",
    ] {
        std::fs::write(widget.join(name), format!("plain {name}")).unwrap();
        std::fs::write(widget.join(format!("{name}.br")), format!("br {name}")).unwrap();
        std::fs::write(widget.join(format!("{name}.gz")), format!("gz {name}")).unwrap();
    }
    let server = TestApp::start(&db, &["--www", www.to_str().unwrap()]).await;
    let year = "public, max-age=31536000, immutable";
    for (path, mime, cache) in [
        (
            "/binhluan/binhluan.js",
            "text/javascript; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "/binhluan/binhluan_core_bg.3f9a1c2b.wasm",
            "application/wasm",
            year,
        ),
        (
            "/binhluan/binhluan_core.0123abcd.js",
            "text/javascript; charset=utf-8",
            year,
        ),
    ] {
        let name = path.rsplit('/').next().unwrap();
        for (accept, encoding, body) in [
            (None, None, format!("plain {name}")),
            (Some("identity"), None, format!("plain {name}")),
            (Some("gzip, deflate"), Some("gzip"), format!("gz {name}")),
            (
                Some("gzip, deflate, br, zstd"),
                Some("br"),
                format!("br {name}"),
            ),
            (Some("br;q=0, gzip"), Some("gzip"), format!("gz {name}")),
        ] {
            let mut call = server.call("GET", path);
            if let Some(accept) = accept {
                call = call.set("accept-encoding", accept);
            }
            let reply = call.send(None).await;
            assert_eq!(reply.status, 200, "{path} {accept:?}");
            assert_eq!(reply.body, body, "{path} {accept:?}");
            assert_eq!(
                reply.header("content-encoding"),
                encoding,
                "{path} {accept:?}"
            );
            assert_eq!(
                reply.header("content-type"),
                Some(mime),
                "{path} {accept:?}"
            );
            assert_eq!(reply.header("cache-control"), Some(cache), "{path}");
            assert_eq!(reply.header("vary"), Some("accept-encoding"), "{path}");
        }
    }
    // A page is revalidated; a file without siblings is sent as it is.
    let page = server
        .call("GET", "/")
        .set("accept-encoding", "br, gzip")
        .send(None)
        .await;
    assert_eq!((page.status, page.body.as_str()), (200, "page"));
    assert_eq!(page.header("content-encoding"), None);
    assert_eq!(page.header("cache-control"), Some("no-cache"));
}

/// The desk and the readers' counts are served on either store (the desk's own tests run on
/// both in admin.rs).
async fn the_desk_is_served_on_both_stores(db: TestDb) {
    let server = TestApp::start(&db, &["--rate-limit", "0", "--auto-publish"]).await;
    assert_eq!(server.post(&comment("bai", GOOD)).await.status, 201);
    let counts = server
        .call("GET", "/api/counts?article=bai&article=khac")
        .send(None)
        .await;
    assert_eq!(counts.status, 200, "{}", counts.body);
    assert_eq!(counts.json()["counts"], json!({"bai": 1, "khac": 0}));
    let form = server.call("GET", "/admin/sign-in").send(None).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let queue = server.call("GET", "/admin/").send(None).await;
    assert_eq!(queue.status, 303, "a session first: {}", queue.body);
}

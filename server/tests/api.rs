//! The HTTP contract of `POST /api/comments` and `GET /api/comments` (docs-server.md),
//! against the real binary.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};

use binhluan_rules::{check, Rules, Verdict};
use common::{agent, assert_fixtures, comment, send, Server, BAD, GOOD, GOOD2};
use serde_json::{json, Value};

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/folder/binhluan.sqlite3");
    (dir, db)
}

#[test]
fn accepts_a_good_comment_and_refuses_a_bad_one() {
    assert_fixtures();
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &[]);
    assert!(
        db.exists(),
        "the database and its folders are created on start"
    );

    let created = server.post(&comment("bai-1", GOOD));
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

    let refused = server.post(&comment("bai-1", BAD));
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
#[test]
fn verdicts_match_the_library_for_the_shared_table() {
    let table = include_str!("../../rules/tests/cases/verdicts.json");
    let cases: Vec<Value> = serde_json::from_str(table).unwrap();
    assert!(cases.len() >= 30, "the shared table lost its cases");
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--rate-limit", "0", "--auto-publish"]);
    let rules = Rules::default();
    let mut stored = 0;
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let native = check(text, &rules);
        let reply = server.post(&comment("bang", text));
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
    assert_eq!(server.list("bang", 1)["total"], stored);
}

#[test]
fn rules_options_reach_the_check() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--min-words", "3", "--max-length", "30"]);
    let rules = Rules {
        min_words: 3,
        max_length: 30,
        ..Rules::default()
    };
    for text in [GOOD, GOOD2, BAD, "Cảm ơn tác giả nhé"] {
        let native = check(text, &rules);
        let reply = server.post(&comment("opt", text));
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
        serde_json::from_value(server.post(&comment("opt", GOOD)).json()["verdict"].clone())
            .unwrap();
    assert_eq!(too_long.max_length, 30);
}

#[test]
fn malformed_requests_get_json_errors() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &[]);
    let url = server.url("api/comments");
    send(agent().post(&url), Some("{not json")).assert_error(400, "bad-request");
    send(agent().post(&url), Some(r#"{"content": "x"}"#)).assert_error(400, "bad-request");
    send(agent().post(&url), Some(r#"{"article_id": "a"}"#)).assert_error(400, "bad-request");
    send(
        agent().post(&url),
        Some(r#"{"article_id": " ", "content": "x"}"#),
    )
    .assert_error(400, "bad-request");
    let long_name = comment("a", GOOD2);
    let mut long_name = long_name.as_object().unwrap().clone();
    long_name.insert("name".into(), json!("x".repeat(101)));
    send(
        agent().post(&url),
        Some(&Value::Object(long_name).to_string()),
    )
    .assert_error(400, "bad-request");
    send(
        agent().post(&url).set("Content-Type", "text/plain"),
        Some(&comment("a", GOOD2).to_string()),
    )
    .assert_error(415, "unsupported-media-type");
    send(agent().get(&url), None).assert_error(400, "bad-request");
    send(agent().get(&format!("{url}?article=a&page=0")), None).assert_error(400, "bad-request");
    send(agent().get(&format!("{url}?article=a&page=x")), None).assert_error(400, "bad-request");
    send(agent().get(&server.url("api/nothing")), None).assert_error(404, "not-found");
    send(agent().get(&server.url("index.html")), None).assert_error(404, "not-found");
    send(agent().put(&url), Some("{}")).assert_error(405, "method-not-allowed");
    // Unknown fields and nulls are fine.
    let mut extra = comment("a", GOOD2).as_object().unwrap().clone();
    extra.insert("future_field".into(), json!({"x": [1, 2]}));
    extra.insert("email".into(), Value::Null);
    extra.insert("typing_ms".into(), json!(12345.6));
    extra.insert("client".into(), json!({"rules_version": 3, "verdict": "?"}));
    let reply = send(agent().post(&url), Some(&Value::Object(extra).to_string()));
    assert_eq!(reply.status, 201, "{}", reply.body);
    // The minimal request: article_id and content only.
    let minimal = json!({"article_id": "a", "content": GOOD});
    assert_eq!(server.post(&minimal).status, 201);
}

#[test]
fn the_same_idempotency_key_never_stores_twice() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--auto-publish", "--rate-limit", "0"]);
    let url = server.url("api/comments");
    let body = comment("bai-1", GOOD).to_string();
    let first = send(
        agent().post(&url).set("Idempotency-Key", "k-1"),
        Some(&body),
    );
    assert_eq!(first.status, 201);
    let again = send(
        agent().post(&url).set("Idempotency-Key", "k-1"),
        Some(&body),
    );
    assert_eq!((again.status, &again.body), (201, &first.body));

    // The field works too, and the header wins over it.
    let mut with_field = comment("bai-1", GOOD2);
    with_field["idempotency_key"] = json!("field-key");
    let by_header = send(
        agent().post(&url).set("Idempotency-Key", "header-key"),
        Some(&with_field.to_string()),
    );
    assert_eq!(by_header.status, 201);
    with_field["idempotency_key"] = json!("header-key");
    let by_field = server.post(&with_field);
    assert_eq!((by_field.status, &by_field.body), (201, &by_header.body));
    with_field["idempotency_key"] = json!("field-key");
    assert_ne!(
        server.post(&with_field).body,
        by_header.body,
        "field-key was never used"
    );

    // Per article: the same key on another article is another comment.
    let other = send(
        agent().post(&url).set("Idempotency-Key", "k-1"),
        Some(&comment("bai-2", GOOD).to_string()),
    );
    assert_eq!(other.status, 201);
    assert_ne!(other.json()["id"], first.json()["id"]);

    // The same key with a different comment is refused, and stores nothing.
    send(
        agent().post(&url).set("Idempotency-Key", "k-1"),
        Some(&comment("bai-1", GOOD2).to_string()),
    )
    .assert_error(409, "idempotency-key-reused");

    assert_eq!(server.list("bai-1", 1)["total"], 3);
    assert_eq!(server.list("bai-2", 1)["total"], 1);
}

#[test]
fn concurrent_duplicates_store_once() {
    let (_dir, db) = temp_db();
    let server = Arc::new(Server::start(&db, &["--auto-publish", "--rate-limit", "0"]));
    let threads = 12;
    let barrier = Arc::new(Barrier::new(threads));
    let replies: Vec<(u16, String)> = (0..threads)
        .map(|_| {
            let (server, barrier) = (server.clone(), barrier.clone());
            std::thread::spawn(move || {
                let body = comment("dong-thoi", GOOD).to_string();
                let req = agent()
                    .post(&server.url("api/comments"))
                    .set("Idempotency-Key", "same-key");
                barrier.wait();
                let reply = send(req, Some(&body));
                (reply.status, reply.body)
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    assert!(replies.iter().all(|r| r == &replies[0]), "{replies:?}");
    assert_eq!(replies[0].0, 201);
    assert_eq!(server.list("dong-thoi", 1)["total"], 1);
}

#[test]
fn rate_limit_answers_429_with_retry_after() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--rate-limit", "3"]);
    // Every post counts, accepted or not.
    assert_eq!(server.post(&comment("a", GOOD)).status, 201);
    assert_eq!(server.post(&comment("a", BAD)).status, 422);
    assert_eq!(server.post(&comment("a", GOOD2)).status, 201);
    let limited = server.post(&comment("a", GOOD));
    limited.assert_error(429, "rate-limited");
    // 3 a minute: the next post is back 20 s after the burst.
    let secs: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((19..=20).contains(&secs), "{secs}");
    // Reading is not limited.
    assert_eq!(server.list("a", 1)["total"], 0);
}

#[test]
fn bodies_over_64_kb_are_refused() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &[]);
    let url = server.url("api/comments");
    // Exactly 64 KB is read (and then fails the rules for its length).
    let fill = 64 * 1024 - comment("a", "").to_string().len();
    let exact = comment("a", &"a".repeat(fill)).to_string();
    assert_eq!(exact.len(), 64 * 1024);
    let reply = send(agent().post(&url), Some(&exact));
    assert_eq!(reply.status, 422, "{}", reply.body);
    let over = comment("a", &"a".repeat(fill + 1)).to_string();
    send(agent().post(&url), Some(&over)).assert_error(413, "too-large");

    // Without a Content-Length (chunked), the limit holds while reading.
    let chunk = "x".repeat(70 * 1024);
    let response = raw(
        &server,
        &format!(
            "Transfer-Encoding: chunked\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
            chunk.len()
        ),
    );
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(response.contains("\"too-large\""), "{response}");
    // A huge Content-Length is refused before a byte of the body is sent.
    let response = raw(&server, "Content-Length: 10000000000\r\n\r\n");
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
}

#[test]
fn a_request_that_takes_too_long_gets_408() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--timeout", "1"]);
    let start = std::time::Instant::now();
    // The body never comes.
    let response = raw(&server, "Content-Length: 100\r\n\r\n{\"article_id\"");
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(response.contains("\"timeout\""), "{response}");
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

/// Sends a JSON POST to /api/comments whose request ends with `rest` (the remaining
/// headers, the blank line and the body) over a raw connection; the whole response.
fn raw(server: &Server, rest: &str) -> String {
    let host = server
        .base
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let mut stream = TcpStream::connect(host).unwrap();
    let request = format!(
        "POST /api/comments HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Connection: close\r\n{rest}"
    );
    // The server may answer and close before reading everything: ignore write errors.
    let _ = stream.write_all(request.as_bytes());
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

#[test]
fn cors_only_for_configured_origins() {
    let (_dir, db) = temp_db();
    let server = Server::start(
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
    );
    let url = server.url("api/comments");
    let preflight = |origin: &str, headers: &str| {
        send(
            agent()
                .request("OPTIONS", &url)
                .set("Origin", origin)
                .set("Access-Control-Request-Method", "POST")
                .set("Access-Control-Request-Headers", headers),
            None,
        )
    };
    let ok = preflight(
        "https://bao.example",
        "content-type,idempotency-key,x-csrf-token",
    );
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

    let refused = preflight("https://evil.example", "content-type");
    refused.assert_error(403, "forbidden-origin");
    assert_eq!(refused.header("access-control-allow-origin"), None);
    preflight("https://bao.example", "content-type, x-other").assert_error(403, "forbidden-origin");

    // The actual requests.
    let body = comment("cors", GOOD).to_string();
    let from_site = send(
        agent().post(&url).set("Origin", "https://tin.example"),
        Some(&body),
    );
    assert_eq!(from_site.status, 201);
    assert_eq!(
        from_site.header("access-control-allow-origin"),
        Some("https://tin.example")
    );
    assert_eq!(
        from_site.header("access-control-expose-headers"),
        Some("Retry-After")
    );
    let from_elsewhere = send(
        agent().post(&url).set("Origin", "https://evil.example"),
        Some(&body),
    );
    from_elsewhere.assert_error(403, "forbidden-origin");
    // The server's own pages (the --www demo) are always allowed.
    let own = server.base.trim_end_matches('/').to_owned();
    assert_eq!(
        send(agent().post(&url).set("Origin", &own), Some(&body)).status,
        201
    );
    // Reading from elsewhere is answered but without CORS headers, so browsers hide it.
    let read = send(
        agent()
            .get(&format!("{url}?article=cors"))
            .set("Origin", "https://evil.example"),
        None,
    );
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

#[test]
fn any_origin_with_a_star() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--allow-origin", "*"]);
    let reply = send(
        agent()
            .request("OPTIONS", &server.url("api/comments"))
            .set("Origin", "https://any.example")
            .set("Access-Control-Request-Method", "POST")
            .set("Access-Control-Request-Headers", "content-type"),
        None,
    );
    assert_eq!(reply.status, 204);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("https://any.example")
    );
}

fn form_post(server: &Server, fields: &[(&str, &str)], referer: Option<&str>) -> common::Reply {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut req = agent()
        .post(&server.url("api/comments"))
        .set("Content-Type", "application/x-www-form-urlencoded");
    if let Some(referer) = referer {
        req = req.set("Referer", referer);
    }
    send(req, Some(&body))
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

#[test]
fn noscript_form_posts() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--auto-publish", "--rate-limit", "0"]);
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
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(
        sent.header("location"),
        Some("https://bao.example/bai-1#binhluan-sent")
    );
    let listed = server.list("form", 1);
    assert_eq!(listed["comments"][0]["content"], GOOD);
    assert_eq!(listed["comments"][0]["name"], "Trần Văn Bình");

    // Without article_url the Referer leads back.
    let sent = form_post(
        &server,
        &[("article_id", "form"), ("content", GOOD2)],
        Some("http://127.0.0.1/bai-2"),
    );
    assert_eq!(
        sent.header("location"),
        Some("http://127.0.0.1/bai-2#binhluan-sent")
    );

    // Nowhere to go back to: a page saying so.
    let page = form_post(&server, &[("article_id", "form"), ("content", GOOD2)], None);
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
    );
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
    );
    assert!(!sneaky.body.contains("javascript:"), "{}", sneaky.body);
    // Malformed: 400 as a page.
    let malformed = form_post(&server, &[("content", GOOD)], None);
    assert_eq!(malformed.status, 400);
    assert_eq!(server.list("form", 1)["total"], 3);
}

#[test]
fn listing_is_published_only_newest_first_paged_and_private() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--auto-publish", "--rate-limit", "0"]);
    let mut ids = Vec::new();
    for i in 0..25 {
        let text = if i % 2 == 0 { GOOD } else { GOOD2 };
        let reply = server.post(&comment("trang", text));
        assert_eq!(reply.status, 201);
        ids.push(reply.json()["id"].as_i64().unwrap());
    }
    server.post(&comment("bai-khac", GOOD));
    let mut spam = comment("trang", GOOD);
    spam["website"] = json!("http://spam.example");
    assert_eq!(server.post(&spam).json()["status"], "published");

    let first = server.list("trang", 1);
    assert_eq!(first["article"], "trang");
    assert_eq!(
        (first["page"].clone(), first["per_page"].clone()),
        (json!(1), json!(20))
    );
    assert_eq!(
        first["total"], 25,
        "other articles and spam are not counted"
    );
    let second = server.list("trang", 2);
    let listed: Vec<i64> = [&first, &second]
        .iter()
        .flat_map(|p| p["comments"].as_array().unwrap())
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    ids.reverse();
    assert_eq!(listed, ids, "newest first, 20 then 5");
    assert_eq!(server.list("trang", 3)["comments"], json!([]));
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
    assert_eq!(server.list("khong-co", 1)["total"], 0);
}

#[test]
fn honeypot_and_inhuman_speed_are_spam_with_a_normal_reply() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--rate-limit", "0"]);
    let normal = server.post(&comment("bai", GOOD));
    let mut honeypot = comment("bai", GOOD);
    honeypot["website"] = json!("https://spam.example");
    let trapped = server.post(&honeypot);
    // GOOD has 14 white-space separated words: a person needs at least 2.8 s.
    let mut fast = comment("bai", GOOD);
    fast["typing_ms"] = json!(2799);
    let too_fast = server.post(&fast);
    let mut human = comment("bai", GOOD);
    human["typing_ms"] = json!(2800);
    let human = server.post(&human);
    for reply in [&normal, &trapped, &too_fast, &human] {
        assert_eq!(reply.status, 201);
        assert_eq!(reply.json()["status"], "pending");
        assert_eq!(reply.header("content-type"), normal.header("content-type"));
    }
    let out = server.comments(&["list", "--spam"]);
    let spam = String::from_utf8(out.stdout).unwrap();
    assert!(
        spam.contains("spam:honeypot") && spam.contains("spam:too-fast"),
        "{spam}"
    );
    assert_eq!(spam.lines().count(), 1 + 2);
    let pending = String::from_utf8(server.comments(&["list", "--pending"]).stdout).unwrap();
    assert_eq!(pending.lines().count(), 1 + 2, "{pending}");
}

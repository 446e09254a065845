//! The server as a process: moderation commands, durability across SIGKILL, static files,
//! configuration from the environment, graceful shutdown, and what only a real socket
//! shows (chunked and oversized bodies, a client too slow to send its body).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::db::{Kind, TestDb};
use common::process::{agent, send, Server};
use common::{comment, moderate, numbered, BIN, GOOD, GOOD2};
use serde_json::json;

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("binhluan.sqlite3");
    (dir, db)
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A fresh PostgreSQL database of the test cluster, if there is one (see common::db).
fn postgres() -> Option<TestDb> {
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(TestDb::postgres())
}

#[test]
fn moderation_commands_work_while_the_server_runs() {
    moderation_commands(&TestDb::sqlite());
}

#[test]
fn moderation_commands_work_on_postgres() {
    if let Some(db) = postgres() {
        moderation_commands(&db);
    }
}

fn moderation_commands(db: &TestDb) {
    let server = Server::start(&db.arg, &["--rate-limit", "0"]);
    let mut first = comment("bai-1", GOOD);
    first["content"] = json!(format!("{GOOD}\nDòng hai\tcó tab"));
    let first = server.post(&first);
    let second = server.post(&comment("bai-1", GOOD2));
    let (a, b) = (
        first.json()["id"].as_i64().unwrap(),
        second.json()["id"].as_i64().unwrap(),
    );
    assert_eq!(
        server.list("bai-1", 1)["total"],
        0,
        "pending until approved"
    );

    let listed = stdout(&server.comments(&["list", "--pending"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(
        lines[0],
        "id\tstatus\tcreated_at\tarticle_id\tname\temail\tip\tcontent"
    );
    assert_eq!(lines.len(), 3, "{listed}");
    // Newest first; one line per comment however many lines it has.
    assert!(lines[1].starts_with(&format!("{b}\tpending\t")), "{listed}");
    assert!(lines[2].starts_with(&format!("{a}\tpending\t")), "{listed}");
    assert!(lines[2].ends_with("\\nDòng hai\\tcó tab"), "{listed}");
    assert!(
        lines[2].contains("\tlan@example.com\t127.0.0.1\t"),
        "{listed}"
    );

    assert_eq!(
        stdout(&server.comments(&["approve", &a.to_string()])).trim(),
        format!("comment {a}: published")
    );
    let page = server.list("bai-1", 1);
    assert_eq!(page["total"], 1);
    assert_eq!(page["comments"][0]["id"], a);

    stdout(&server.comments(&["reject", &b.to_string()]));
    assert_eq!(
        stdout(&server.comments(&["list", "--pending"]))
            .lines()
            .count(),
        1
    );
    let all = stdout(&server.comments(&["list"]));
    assert!(all.contains(&format!("{b}\trejected\t")), "{all}");
    assert_eq!(server.list("bai-1", 1)["total"], 1);

    // A rejected comment can still be approved; a missing one is an error.
    stdout(&server.comments(&["approve", &b.to_string()]));
    assert_eq!(server.list("bai-1", 1)["total"], 2);
    if db.kind == Kind::Sqlite {
        let nowhere = moderate(server.db.with_file_name("typo.sqlite3"), &["list"]);
        assert!(!nowhere.status.success());
        assert!(!server.db.with_file_name("typo.sqlite3").exists());
    }
    let missing = server.comments(&["approve", "999999"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("999999"));
}

#[test]
fn an_acknowledged_comment_survives_sigkill() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--auto-publish"]);
    let created = send(
        agent()
            .post(&server.url("api/comments"))
            .set("Idempotency-Key", "ben-vung"),
        Some(&comment("ben-vung", GOOD).to_string()),
    );
    assert_eq!(created.status, 201);
    // SIGKILL right after the reply: no chance to flush anything.
    server.kill();

    let server = Server::start(&db, &["--auto-publish"]);
    let page = server.list("ben-vung", 1);
    assert_eq!(page["total"], 1);
    assert_eq!(page["comments"][0]["id"], created.json()["id"]);
    assert_eq!(page["comments"][0]["content"], GOOD);
    // The idempotency record survived too: a retry gets the first reply.
    let retry = send(
        agent()
            .post(&server.url("api/comments"))
            .set("Idempotency-Key", "ben-vung"),
        Some(&comment("ben-vung", GOOD).to_string()),
    );
    assert_eq!((retry.status, retry.body), (201, created.body));
    drop(server);
    // And the moderation command sees it with the server gone.
    assert!(stdout(&moderate(&db, &["list"])).contains("\tpublished\t"));
}

#[test]
fn serves_static_files_with_the_right_types() {
    let (dir, db) = temp_db();
    let www = dir.path().join("www");
    std::fs::create_dir_all(www.join("binhluan")).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>Demo</title>").unwrap();
    std::fs::write(www.join("binhluan/binhluan.js"), "export default 1;").unwrap();
    std::fs::write(www.join("binhluan/loader.mjs"), "export {};").unwrap();
    std::fs::write(www.join("binhluan/binhluan_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(www.join("binhluan/index.html"), "sub").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    let server = Server::start(&db, &["--www", www.to_str().unwrap()]);
    for (path, mime, body) in [
        (
            "",
            "text/html; charset=utf-8",
            "<!doctype html><title>Demo</title>",
        ),
        (
            "index.html",
            "text/html; charset=utf-8",
            "<!doctype html><title>Demo</title>",
        ),
        (
            "binhluan/binhluan.js",
            "text/javascript; charset=utf-8",
            "export default 1;",
        ),
        (
            "binhluan/loader.mjs",
            "text/javascript; charset=utf-8",
            "export {};",
        ),
        (
            "binhluan/binhluan_bg.wasm",
            "application/wasm",
            "\0asm\u{1}\0\0\0",
        ),
        ("binhluan/", "text/html; charset=utf-8", "sub"),
    ] {
        let reply = send(agent().get(&server.url(path)), None);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(mime), "{path}");
        let cache = if path == "binhluan/binhluan.js" {
            "public, max-age=300"
        } else {
            "no-cache"
        };
        assert_eq!(reply.header("cache-control"), Some(cache), "{path}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.body, body);
    }
    let head = send(agent().head(&server.url("binhluan/binhluan_bg.wasm")), None);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("application/wasm"));
    assert_eq!(head.body, "");
    let folder = send(agent().get(&server.url("binhluan?x=1")), None);
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("/binhluan/?x=1"));
    for missing in ["nope.js", "../secret.txt", "%2e%2e/secret.txt", ".hidden"] {
        send(agent().get(&server.url(missing)), None).assert_error(404, "not-found");
    }
    send(agent().post(&server.url("index.html")), Some("{}"))
        .assert_error(405, "method-not-allowed");
    // The API is still the API.
    assert_eq!(server.list("x", 1)["total"], 0);
    send(agent().get(&server.url("api/other")), None).assert_error(404, "not-found");
}

#[test]
fn configuration_from_the_environment_and_graceful_shutdown() {
    let (dir, _) = temp_db();
    let db = dir.path().join("from-env/db.sqlite3");
    let mut child = Command::new(BIN)
        .env("BINHLUAN_ADDR", "127.0.0.1:0")
        .env("BINHLUAN_DB", &db)
        .env("BINHLUAN_AUTO_PUBLISH", "true")
        .env("BINHLUAN_MIN_WORDS", "3")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let base = line
        .trim()
        .strip_prefix("binhluan-server listening on ")
        .unwrap();
    let reply = send(
        agent().post(&format!("{base}api/comments")),
        Some(&comment("env", "Cảm ơn tác giả nhiều nhé").to_string()),
    );
    let native = binhluan_rules::check(
        "Cảm ơn tác giả nhiều nhé",
        &binhluan_rules::Rules {
            min_words: 3,
            ..Default::default()
        },
    );
    if native.ok {
        assert_eq!(reply.status, 201, "{}", reply.body);
        assert_eq!(reply.json()["status"], "published", "BINHLUAN_AUTO_PUBLISH");
    } else {
        assert_eq!(reply.json()["verdict"]["min_words"], 3);
    }
    assert!(db.exists());
    // SIGTERM: a clean exit.
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn storage_failures_are_500_without_internals() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &["--timeout", "30"]);
    assert_eq!(server.post(&comment("loi", GOOD)).status, 201);
    // Another process holds the write lock longer than the server's 5 s busy timeout.
    let mut blocker = rusqlite::Connection::open(&db).unwrap();
    let tx = blocker
        .transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)
        .unwrap();
    let failed = server.post(&comment("loi", GOOD2));
    tx.rollback().unwrap();
    failed.assert_error(500, "internal");
    let body = failed.body.to_lowercase();
    for internal in ["sqlite", "lock", "busy", "database"] {
        assert!(!body.contains(internal), "{body}");
    }
    // The server goes on working.
    assert_eq!(server.post(&comment("loi", GOOD2)).status, 201);
}

#[test]
fn a_trusted_proxy_names_the_client() {
    let (_dir, db) = temp_db();
    let posts = std::cell::Cell::new(0);
    let post_from = |server: &Server, forwarded: &str| {
        posts.set(posts.get() + 1);
        send(
            agent()
                .post(&server.url("api/comments"))
                .set("X-Forwarded-For", forwarded),
            Some(&comment("proxy", &numbered(GOOD, posts.get())).to_string()),
        )
        .status
    };
    let server = Server::start(&db, &["--rate-limit", "1", "--trust-forwarded-for"]);
    assert_eq!(post_from(&server, "198.51.100.7, 192.0.2.1"), 201);
    assert_eq!(
        post_from(&server, "192.0.2.1"),
        429,
        "the last entry is the client"
    );
    assert_eq!(post_from(&server, "192.0.2.2"), 201);
    let listed = stdout(&server.comments(&["list"]));
    assert!(listed.contains("\t192.0.2.1\t") && listed.contains("\t192.0.2.2\t"));
    drop(server);
    // Without the flag the header is ignored: everyone here is 127.0.0.1.
    let server = Server::start(&db, &["--rate-limit", "1"]);
    assert_eq!(post_from(&server, "192.0.2.3"), 201);
    assert_eq!(post_from(&server, "192.0.2.4"), 429);
    drop(server);
    // Two proxies: the client is the entry the outer one added, second from the end; an
    // address the client wrote in front does not count.
    let server = Server::start(&db, &["--rate-limit", "1", "--trust-forwarded-for", "2"]);
    assert_eq!(
        post_from(&server, "203.0.113.9, 198.51.100.1, 10.0.0.2"),
        201
    );
    assert_eq!(
        post_from(&server, "203.0.113.10, 198.51.100.1, 10.0.0.3"),
        429
    );
    assert_eq!(post_from(&server, "198.51.100.2, 10.0.0.2"), 201);
    let listed = stdout(&server.comments(&["list"]));
    assert!(listed.contains("\t198.51.100.1\t") && listed.contains("\t198.51.100.2\t"));
    // Fewer entries than proxies: it did not come through them; the peer counts.
    assert_eq!(post_from(&server, "10.0.0.2"), 201);
    assert_eq!(post_from(&server, "10.0.0.3"), 429);
}

/// What hyper answers by itself, before any handler (a request it cannot parse, headers
/// too large), has the JSON error body too.
#[test]
fn errors_below_the_handlers_have_json_bodies() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &[]);
    let host = server
        .base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let exchange = |request: &[u8]| {
        let mut stream = TcpStream::connect(&host).unwrap();
        let _ = stream.write_all(request);
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
    };
    let huge = format!(
        "GET /api/comments?article=a HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(512 * 1024)
    );
    for (request, status, code) in [
        (&b"GARBAGE\r\n\r\n"[..], "400", "bad-request"),
        (
            b"GET /api/comments HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
            "400",
            "bad-request",
        ),
        (huge.as_bytes(), "431", "headers-too-large"),
    ] {
        let response = exchange(request);
        assert!(
            response.starts_with(&format!("HTTP/1.1 {status} ")),
            "{response}"
        );
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        assert!(
            head.contains("content-type: application/json; charset=utf-8"),
            "{head}"
        );
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["error"], code, "{body}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    // The server goes on answering.
    assert_eq!(server.list("a", 1)["total"], 0);
}

/// Instances on one PostgreSQL are one endpoint: a key posted to two at once stores one
/// comment, the post limit is shared, and a comment stored by one is listed by the other.
#[test]
fn instances_on_one_postgres_share_keys_and_limits() {
    let Some(db) = postgres() else { return };
    let args = ["--auto-publish", "--rate-limit", "6"];
    let (a, b) = (Server::start(&db.arg, &args), Server::start(&db.arg, &args));
    let body = comment("chung", GOOD).to_string();
    let replies: Vec<_> = std::thread::scope(|scope| {
        [&a, &b, &a, &b]
            .map(|server| {
                let body = &body;
                scope.spawn(move || {
                    send(
                        agent()
                            .post(&server.url("api/comments"))
                            .set("Idempotency-Key", "cung-mot"),
                        Some(body),
                    )
                })
            })
            .map(|t| t.join().unwrap())
            .into_iter()
            .collect()
    });
    let first = &replies[0];
    assert_eq!(first.status, 201, "{}", first.body);
    for reply in &replies {
        assert_eq!((reply.status, &reply.body), (201, &first.body));
    }
    assert_eq!(b.list("chung", 1)["total"], 1);
    // Six posts a minute from one client (every post counts, replays too), counted across
    // both instances.
    assert_eq!(b.post(&comment("chung", &numbered(GOOD2, 1))).status, 201);
    assert_eq!(a.post(&comment("chung", &numbered(GOOD2, 2))).status, 201);
    b.post(&comment("chung", &numbered(GOOD2, 3)))
        .assert_error(429, "rate-limited");
    a.post(&comment("chung", &numbered(GOOD2, 4)))
        .assert_error(429, "rate-limited");
    assert_eq!(a.list("chung", 1)["total"], 3);
}

#[test]
fn help_documents_every_option() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--addr",
        "--db",
        "--www",
        "--allow-origin",
        "--allow-header",
        "--auto-publish",
        "--min-words",
        "--max-length",
        "--rate-limit",
        "--timeout",
        "--trust-forwarded-for",
        "--public-origin",
        "--desk-lang",
        "BINHLUAN_DESK_LANG",
        "DATABASE_URL",
        "BINHLUAN_ADDR",
        "BINHLUAN_RATE_LIMIT",
        "comments",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn bodies_over_64_kb_are_refused_on_the_wire() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db, &[]);
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
fn a_malformed_allow_origin_stops_the_start_with_the_right_form() {
    let (_dir, db) = temp_db();
    for (given, right) in [
        ("127.0.0.1:9100", "--allow-origin http://127.0.0.1:9100"),
        (
            "https://bao.example/tin-tuc",
            "--allow-origin https://bao.example",
        ),
    ] {
        let out = Command::new(BIN)
            .args(["--addr", "127.0.0.1:0", "--allow-origin", given, "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{given} was accepted");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(right), "{given}: {said}");
    }
}

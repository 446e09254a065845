//! The editors' desk (`/admin/`) against the real router on both stores (a SQLite file, a
//! PostgreSQL database), with accounts made by the real binary's `users` command: sessions, CSRF, the sign-in
//! throttle, escaping, the queue, actions with their audit and undo, closed articles and
//! `GET /api/counts`.

mod common;

use std::io::Write;
use std::net::SocketAddr;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request};
use binhluan_server::admin::text::VI;
use binhluan_server::store::admin::{Action, AdminStore, Change, DeskState, Moderation};
use binhluan_server::store::Database;
use binhluan_server::Peer;
use common::db::TestDb;
use common::router::{TestApp, HOST};
use common::{comment, numbered, Reply, BIN, GOOD, GOOD2};
use serde_json::{json, Value};

on_both_stores!(
    every_desk_route_needs_a_session,
    a_forged_or_missing_csrf_token_is_refused,
    a_session_ends_at_sign_out_everywhere_and_with_a_new_password,
    guessing_passwords_is_slowed_per_account_and_per_address,
    readers_markup_is_shown_as_text,
    moderating_moves_comments_between_tabs_and_is_logged,
    the_queue_filters_searches_sorts_and_pages_by_cursor,
    a_closed_article_refuses_new_comments_until_reopened,
    counts_for_the_site_are_published_comments_per_article,
    the_users_command_adds_lists_and_refuses_weak_or_duplicate_accounts,
    a_comment_typed_faster_than_a_person_waits_in_the_queue_with_its_reason,
    the_command_line_moderates_through_the_desk_and_is_logged,
    purge_removes_only_comments_deleted_long_enough_ago,
    the_desk_speaks_english_when_chosen_on_every_page,
    the_servers_default_desk_language_is_an_option,
);

const PASSWORD: &str = "mật khẩu đủ dài 123";

/// Runs `binhluan-server users ARGS --db DB` with `stdin` as its input.
fn users(db: &TestDb, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .arg("users")
        .args(args)
        .arg("--db")
        .arg(&db.arg)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn add_user(db: &TestDb, name: &str, role: &str) {
    let out = users(db, &["add", name, "--role", role], &format!("{PASSWORD}\n"));
    assert!(out.status.success(), "{out:?}");
}

/// The `name=value` of every `Set-Cookie` of a reply.
fn set_cookies(reply: &Reply) -> Vec<(String, String, String)> {
    reply
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| {
            let (pair, attributes) = v.split_once(';').unwrap_or((v, ""));
            let (n, value) = pair.split_once('=').unwrap();
            (n.to_owned(), value.to_owned(), attributes.to_owned())
        })
        .collect()
}

fn cookie_value(reply: &Reply, name: &str) -> Option<String> {
    set_cookies(reply)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, v, _)| v)
}

/// A browser on the desk: its cookie and the CSRF token of its session.
struct Editor {
    app: TestApp,
    cookie: String,
    csrf: String,
}

/// The value of `<meta name="csrf-token">` in a desk page.
fn csrf_of(page: &str) -> String {
    let start = page
        .find("name=\"csrf-token\" content=\"")
        .expect("a CSRF token")
        + 27;
    page[start..start + 64].to_owned()
}

/// Sends a form, from `peer`, with these cookies.
async fn send_form(
    app: &TestApp,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    peer: &str,
) -> Reply {
    let body = serde_urlencoded::to_string(fields).unwrap();
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    request
        .extensions_mut()
        .insert(Peer(peer.parse::<SocketAddr>().unwrap()));
    app.request(request).await
}

/// Opens the sign-in form and posts `name` and `password` from `peer`.
async fn try_sign_in(app: &TestApp, name: &str, password: &str, peer: &str) -> Reply {
    let form = app.call("GET", "/admin/sign-in").send(None).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let token = cookie_value(&form, "binhluan_desk_signin").unwrap();
    assert!(form.body.contains(&token));
    send_form(
        app,
        "/admin/sign-in",
        &format!("binhluan_desk_signin={token}"),
        &[
            ("token", &token),
            ("name", name),
            ("password", password),
            ("next", "/admin/"),
        ],
        peer,
    )
    .await
}

async fn sign_in(app: &TestApp, name: &str) -> Editor {
    let reply = try_sign_in(app, name, PASSWORD, common::router::PEER).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(reply.header("location"), Some("/admin/"));
    let (_, token, attributes) = set_cookies(&reply)
        .into_iter()
        .find(|(n, _, _)| n == "binhluan_desk")
        .expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/admin"] {
        assert!(attributes.contains(attribute), "{attributes}");
    }
    assert!(!attributes.contains("Secure"), "plain http: {attributes}");
    let cookie = format!("binhluan_desk={token}");
    let page = get(app, "/admin/", &cookie).await;
    assert_eq!(page.status, 200, "{}", page.body);
    Editor {
        app: app.clone(),
        csrf: csrf_of(&page.body),
        cookie,
    }
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> Reply {
    app.call("GET", path).set("cookie", cookie).send(None).await
}

impl Editor {
    async fn get(&self, path: &str) -> Reply {
        get(&self.app, path, &self.cookie).await
    }

    /// Posts a form with the session's CSRF token.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut with_token = vec![("csrf", self.csrf.as_str())];
        with_token.extend_from_slice(fields);
        send_form(
            &self.app,
            path,
            &self.cookie,
            &with_token,
            common::router::PEER,
        )
        .await
    }
}

async fn post_comment(app: &TestApp, article: &str, content: &str, name: &str) -> i64 {
    let mut c = comment(article, content);
    c["name"] = json!(name);
    let reply = app.post(&c).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()["id"].as_i64().unwrap()
}

/// The desk's store on the test's database, through the library (as the server opens it).
async fn desk_of(db: &TestDb) -> Arc<dyn AdminStore> {
    Database::parse(&db.arg)
        .open_with_desk(false)
        .await
        .expect("open the database")
        .desk
}

async fn start(db: &TestDb, args: &[&str]) -> TestApp {
    let mut all = vec!["--rate-limit", "0"];
    all.extend_from_slice(args);
    TestApp::start(db, &all).await
}

async fn every_desk_route_needs_a_session(db: TestDb) {
    let app = start(&db, &[]).await;
    let id = post_comment(&app, "bai-1", GOOD, "Lan").await;
    let item = format!("/admin/comments/{id}");
    for path in [
        "/admin/",
        "/admin/?tab=spam",
        item.as_str(),
        "/admin/log",
        "/admin/articles",
        "/admin/counts",
        "/admin/no-such-page",
    ] {
        for cookie in ["", "binhluan_desk=forged", "binhluan_desk="] {
            let reply = get(&app, path, cookie).await;
            assert_eq!(reply.status, 303, "GET {path} with {cookie:?}");
            let location = reply.header("location").unwrap();
            assert!(location.starts_with("/admin/sign-in?next="), "{location}");
            assert!(!reply.body.contains("Lan"));
        }
    }
    for path in [
        "/admin/actions",
        "/admin/undo",
        "/admin/articles",
        "/admin/sign-out",
        "/admin/no-such-page",
    ] {
        let reply = send_form(
            &app,
            path,
            "binhluan_desk=forged",
            &[("one", &format!("approve:{id}")), ("csrf", "x")],
            common::router::PEER,
        )
        .await;
        assert_eq!(reply.status, 401, "POST {path}");
    }
    // Nothing moved: the comment still waits.
    assert_eq!(app.list("bai-1", 1).await["total"], 0);
    // The sign-in form and the assets are public, under the desk's CSP.
    for path in [
        "/admin/sign-in",
        "/admin/assets/console.css",
        "/admin/assets/console.js",
    ] {
        let reply = get(&app, path, "").await;
        assert_eq!(reply.status, 200, "{path}");
        let csp = reply.header("content-security-policy").unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    }
    // The widget's API is unaffected.
    assert_eq!(app.list("bai-1", 1).await["article"], "bai-1");
}

async fn a_forged_or_missing_csrf_token_is_refused(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    add_user(&db, "minh", "editor");
    let lan = sign_in(&app, "lan").await;
    let minh = sign_in(&app, "minh").await;
    assert_ne!(lan.csrf, minh.csrf);
    let id = post_comment(&app, "bai-1", GOOD, "Độc giả").await;
    let one = format!("approve:{id}");
    for token in ["", "0000", minh.csrf.as_str(), &lan.csrf[..63]] {
        let reply = send_form(
            &app,
            "/admin/actions",
            &lan.cookie,
            &[("csrf", token), ("one", &one)],
            common::router::PEER,
        )
        .await;
        assert_eq!(reply.status, 403, "token {token:?}: {}", reply.body);
    }
    let no_token = send_form(
        &app,
        "/admin/actions",
        &lan.cookie,
        &[("one", &one)],
        common::router::PEER,
    )
    .await;
    assert_eq!(no_token.status, 403);
    assert_eq!(app.list("bai-1", 1).await["total"], 0, "nothing published");
    let done = lan.post("/admin/actions", &[("one", &one)]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(app.list("bai-1", 1).await["total"], 1);
    // A login CSRF: a sign-in post without the form's own cookie.
    let forged = send_form(
        &app,
        "/admin/sign-in",
        "",
        &[("token", "abc"), ("name", "lan"), ("password", PASSWORD)],
        common::router::PEER,
    )
    .await;
    assert_eq!(forged.status, 403);
    assert!(cookie_value(&forged, "binhluan_desk").is_none());
}

async fn a_session_ends_at_sign_out_everywhere_and_with_a_new_password(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    let first = sign_in(&app, "lan").await;
    let second = sign_in(&app, "lan").await;
    let third = sign_in(&app, "lan").await;
    let out = first.post("/admin/sign-out", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.header("location"), Some("/admin/sign-in"));
    assert_eq!(cookie_value(&out, "binhluan_desk").as_deref(), Some(""));
    assert_eq!(first.get("/admin/").await.status, 303, "signed out");
    assert_eq!(
        first
            .post("/admin/actions", &[("one", "approve:1")])
            .await
            .status,
        401
    );
    assert_eq!(
        second.get("/admin/").await.status,
        200,
        "other sessions stay"
    );
    let everywhere = second.post("/admin/sign-out", &[("everywhere", "1")]).await;
    assert_eq!(everywhere.status, 303);
    assert_eq!(second.get("/admin/").await.status, 303);
    assert_eq!(third.get("/admin/").await.status, 303, "ended everywhere");
    // A new password ends the sessions too, and the old one no longer signs in.
    let fourth = sign_in(&app, "lan").await;
    let out = users(&db, &["passwd", "lan"], "một mật khẩu mới dài\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(fourth.get("/admin/").await.status, 303);
    let refused = try_sign_in(&app, "lan", PASSWORD, "192.0.2.9:1").await;
    assert_eq!(refused.status, 401);
    let signed = try_sign_in(&app, "lan", "một mật khẩu mới dài", "192.0.2.9:1").await;
    assert_eq!(signed.status, 303);
    // A removed account's sessions end.
    let out = users(&db, &["passwd", "lan"], &format!("{PASSWORD}\n"));
    assert!(out.status.success(), "{out:?}");
    let fifth = sign_in(&app, "lan").await;
    assert!(users(&db, &["remove", "lan"], "").status.success());
    assert_eq!(fifth.get("/admin/").await.status, 303);
}

async fn guessing_passwords_is_slowed_per_account_and_per_address(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    add_user(&db, "minh", "editor");
    for i in 0..5 {
        let reply = try_sign_in(&app, "lan", &format!("đoán sai {i}"), "198.51.100.1:1").await;
        assert_eq!(reply.status, 401, "attempt {i}");
        assert!(reply.body.contains("không đúng"));
    }
    // The sixth attempt waits, even with the right password, from any address.
    for peer in ["198.51.100.1:1", "198.51.100.2:1"] {
        let reply = try_sign_in(&app, "lan", PASSWORD, peer).await;
        assert_eq!(reply.status, 429, "{peer}");
        assert!(reply.header("retry-after").unwrap().parse::<u64>().unwrap() >= 1);
        assert!(cookie_value(&reply, "binhluan_desk").is_none());
    }
    // The guessing address waits for every account; another address signs in to another.
    let reply = try_sign_in(&app, "minh", PASSWORD, "198.51.100.1:1").await;
    assert_eq!(reply.status, 429);
    let reply = try_sign_in(&app, "minh", PASSWORD, "198.51.100.3:1").await;
    assert_eq!(reply.status, 303);
    // Unknown names are answered as wrong passwords are.
    let reply = try_sign_in(&app, "không-có", PASSWORD, "198.51.100.4:1").await;
    assert_eq!(reply.status, 401);
}

async fn readers_markup_is_shown_as_text(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
    ];
    for (i, p) in payloads.iter().enumerate() {
        let mut c = comment("bai-xss", &format!("{GOOD} {p}"));
        c["name"] = json!(p);
        c["article_title"] = json!(p);
        c["article_url"] = json!(if i == 0 {
            "javascript:alert(1)"
        } else {
            "https://bao.example/\"><script>alert(1)</script>"
        });
        c["email"] = json!(format!("{i}@x.example"));
        let reply = app.post(&c).await;
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    let lan = sign_in(&app, "lan").await;
    let page = lan.get("/admin/").await;
    assert_eq!(page.status, 200);
    for p in payloads {
        assert!(!page.body.contains(p), "{p} raw in the page");
    }
    for raw in ["<script>alert", "<img src=x", "<svg", "href=\"javascript:"] {
        assert!(!page.body.contains(raw), "{raw}");
    }
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page
        .body
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // The only scripts are the desk's own file.
    assert_eq!(page.body.matches("<script").count(), 1);
    assert!(page
        .body
        .contains("<script src=\"/admin/assets/console.js\" defer></script>"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
}

/// Tabs with counts, actions on one and on a selection, reasons, the audit log, undo,
/// restore, and the published ones reaching readers.
async fn moderating_moves_comments_between_tabs_and_is_logged(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    add_user(&db, "chi", "admin");
    let a = post_comment(&app, "bai-1", GOOD, "An").await;
    let b = post_comment(&app, "bai-1", GOOD2, "Bình").await;
    let c = post_comment(&app, "bai-2", GOOD, "Cường").await;
    let mut trap = comment("bai-2", GOOD2);
    trap["website"] = json!("http://spam.example/");
    let spam = app.post(&trap).await.json()["id"].as_i64().unwrap();
    let lan = sign_in(&app, "lan").await;
    let page = lan.get("/admin/").await.body;
    assert!(
        page.contains("Chờ duyệt <span class=\"count\">3</span>"),
        "{page}"
    );
    assert!(page.contains("Nghi spam <span class=\"count\">1</span>"));
    let spam_tab = lan.get("/admin/?tab=spam").await.body;
    assert!(spam_tab.contains("điền vào ô bẫy"), "{spam_tab}");

    // Approve a selection: both go to readers.
    let a_s = a.to_string();
    let b_s = b.to_string();
    let done = lan
        .post(
            "/admin/actions",
            &[
                ("action", "approve"),
                ("id", &a_s),
                ("id", &b_s),
                ("back", "/admin/?tab=pending"),
            ],
        )
        .await;
    assert_eq!(done.status, 303);
    let location = done.header("location").unwrap().to_owned();
    assert!(
        location.starts_with("/admin/?tab=pending&done="),
        "{location}"
    );
    let listed = app.list("bai-1", 1).await;
    assert_eq!(listed["total"], 2);
    // The page after the action offers its undo.
    let after = lan.get(&location).await.body;
    assert!(after.contains("Đã duyệt 2 bình luận."), "{after}");
    assert!(after.contains("action=\"/admin/undo\""));

    // Reject with a reason, as the script does (JSON).
    let reply = lan
        .app
        .request(
            Request::builder()
                .method("POST")
                .uri("/admin/actions")
                .header(header::HOST, HOST)
                .header(header::ACCEPT, "application/json")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, &lan.cookie)
                .header("x-csrf-token", &lan.csrf)
                .body(Body::from(format!("action=reject&id={c}&reason=off-topic")))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v: Value = reply.json();
    assert_eq!(
        v["changed"],
        json!([{"id": c, "from": "pending", "to": "rejected"}])
    );
    assert_eq!(v["counts"]["pending"], 0);
    assert_eq!(v["counts"]["rejected"], 1);
    let reject_entry = v["entry"].as_i64().unwrap();
    let rejected = lan.get("/admin/?tab=rejected").await.body;
    assert!(rejected.contains("Lạc đề"), "{rejected}");

    // Undo puts it back where it was.
    let undone = lan
        .post("/admin/undo", &[("entry", &reject_entry.to_string())])
        .await;
    assert_eq!(undone.status, 303);
    assert!(lan
        .get("/admin/")
        .await
        .body
        .contains(&format!("id=\"c{c}\"")));

    // Delete; an editor may not bring it back, an admin may.
    let one = format!("delete:{a}");
    assert_eq!(
        lan.post("/admin/actions", &[("one", &one)]).await.status,
        303
    );
    assert_eq!(app.list("bai-1", 1).await["total"], 1, "deleted: hidden");
    let deleted = lan.get("/admin/?tab=deleted").await.body;
    assert!(deleted.contains(&format!("id=\"c{a}\"")));
    let restore = format!("restore:{a}");
    assert_eq!(
        lan.post("/admin/actions", &[("one", &restore)])
            .await
            .status,
        403
    );
    let chi = sign_in(&app, "chi").await;
    assert_eq!(
        chi.post("/admin/actions", &[("one", &restore)])
            .await
            .status,
        303
    );
    assert_eq!(app.list("bai-1", 1).await["total"], 2, "back where it was");
    // The command line and the desk agree: approving a deleted comment there takes it out
    // of the bin.
    assert_eq!(
        chi.post("/admin/actions", &[("one", &one)]).await.status,
        303
    );
    let out = app.comments(&["approve", &a.to_string()]);
    assert!(out.status.success(), "{out:?}");
    let published = lan.get("/admin/?tab=published").await.body;
    assert!(published.contains(&format!("id=\"c{a}\"")), "{published}");

    // The log and the comment's own page tell who did what, from which state.
    let log = lan.get("/admin/log").await.body;
    for line in [
        "Duyệt",
        "Từ chối (Lạc đề)",
        &format!("Hoàn tác thao tác #{reject_entry}"),
        "Xoá",
        "Khôi phục",
        "Đã đăng → Đã xoá",
        "Đã xoá → Đã đăng",
    ] {
        assert!(log.contains(line), "{line} not in the log:\n{log}");
    }
    assert!(log.contains(">chi<") && log.contains(">lan<"));
    let item = lan.get(&format!("/admin/comments/{a}")).await.body;
    assert!(item.contains("Chờ duyệt → Đã đăng"), "{item}");
    assert!(item.contains("lan@example.com"), "editors see the e-mail");
    assert!(item.contains("giờ Việt Nam"));
    assert_eq!(lan.get("/admin/comments/99999").await.status, 404);
    let _ = spam;
}

async fn the_queue_filters_searches_sorts_and_pages_by_cursor(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    for i in 0..60 {
        let article = if i % 2 == 0 { "chan" } else { "le" };
        post_comment(&app, article, &numbered(GOOD, i), &format!("Người {i:02}")).await;
    }
    post_comment(&app, "le", GOOD2, "100%_đặc biệt").await;
    let lan = sign_in(&app, "lan").await;
    let first = lan.get("/admin/").await.body;
    assert_eq!(first.matches("class=\"item\"").count(), 50);
    let start = first
        .find("rel=\"next\"")
        .map(|i| first[..i].rfind("href=\"").unwrap() + 6);
    let href = &first[start.unwrap()..];
    let href = href[..href.find('"').unwrap()].replace("&amp;", "&");
    let second = lan.get(&href).await.body;
    assert_eq!(second.matches("class=\"item\"").count(), 11);
    assert!(!second.contains("rel=\"next\""));
    // Newest first: the last posted leads the first page, the first posted ends the second.
    assert!(first.find("100%_đặc biệt").unwrap() < first.find("Người 59").unwrap());
    assert!(second.contains("Người 00"));
    let by_article = lan.get("/admin/?article=chan").await.body;
    assert_eq!(by_article.matches("class=\"item\"").count(), 30);
    assert!(by_article.contains("Chờ duyệt <span class=\"count\">30</span>"));
    let searched = lan.get("/admin/?q=100%25_").await.body;
    assert_eq!(
        searched.matches("class=\"item\"").count(),
        1,
        "wildcards are literal"
    );
    let oldest = lan.get("/admin/?sort=oldest").await.body;
    assert!(oldest.find("Người 00").unwrap() < oldest.find("Người 01").unwrap());
    assert_eq!(lan.get("/admin/?tab=nope").await.status, 400);
    assert_eq!(lan.get("/admin/?after=x").await.status, 400);
}

async fn a_closed_article_refuses_new_comments_until_reopened(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    let lan = sign_in(&app, "lan").await;
    post_comment(&app, "bai-1", GOOD, "An").await;
    let closed = lan
        .post(
            "/admin/articles",
            &[("article", "bai-1"), ("action", "close")],
        )
        .await;
    assert_eq!(closed.status, 303);
    let refused = app.post(&comment("bai-1", GOOD2)).await;
    refused.assert_error(403, "closed");
    assert_eq!(app.list("bai-1", 1).await["closed"], true);
    assert_eq!(
        app.list("bai-2", 1).await.get("closed"),
        None,
        "sent only when true"
    );
    assert!(refused.json()["message"]
        .as_str()
        .unwrap()
        .contains("đã đóng"));
    assert_eq!(app.post(&comment("bai-2", GOOD2)).await.status, 201);
    let list = lan.get("/admin/articles").await.body;
    assert!(list.contains("bai-1") && list.contains(">lan<"), "{list}");
    assert!(lan
        .get("/admin/?article=bai-1")
        .await
        .body
        .contains("đang đóng bình luận"));
    lan.post(
        "/admin/articles",
        &[("article", "bai-1"), ("action", "reopen")],
    )
    .await;
    assert_eq!(app.post(&comment("bai-1", GOOD2)).await.status, 201);
    assert_eq!(app.list("bai-1", 1).await.get("closed"), None);
    let log = lan.get("/admin/log").await.body;
    assert!(log.contains("Đóng bình luận") && log.contains("Mở lại bình luận"));
}

async fn counts_for_the_site_are_published_comments_per_article(db: TestDb) {
    let app = start(&db, &["--auto-publish"]).await;
    for i in 0..3 {
        post_comment(&app, "a", &numbered(GOOD, i), "An").await;
    }
    post_comment(&app, "b b", GOOD2, "Bình").await;
    let reply = app
        .call(
            "GET",
            "/api/counts?article=a&article=b%20b&article=c&article=a",
        )
        .send(None)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json(), json!({"counts": {"a": 3, "b b": 1, "c": 0}}));
    app.call("GET", "/api/counts")
        .send(None)
        .await
        .assert_error(400, "bad-request");
    let many: String = (0..101).map(|i| format!("article={i}&")).collect();
    app.call("GET", &format!("/api/counts?{many}"))
        .send(None)
        .await
        .assert_error(400, "bad-request");
}

async fn the_users_command_adds_lists_and_refuses_weak_or_duplicate_accounts(db: TestDb) {
    add_user(&db, "lan", "editor");
    add_user(&db, "chi", "admin");
    let dup = users(&db, &["add", "LAN"], &format!("{PASSWORD}\n"));
    assert!(!dup.status.success());
    let short = users(&db, &["add", "minh"], "ngắn\n");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least"));
    let list = users(&db, &["list"], "");
    let text = String::from_utf8(list.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "name\trole\tcreated_at");
    assert!(lines[1].starts_with("chi\tadmin\t"), "{text}");
    assert!(lines[2].starts_with("lan\teditor\t"), "{text}");
    assert_eq!(lines.len(), 3);
    // The hash is argon2id, never the password; names are found whatever their case.
    let desk = desk_of(&db).await;
    let hash = desk
        .user("LAN".into())
        .await
        .unwrap()
        .unwrap()
        .password_hash;
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
    assert!(!users(&db, &["remove", "nobody"], "").status.success());
}

async fn a_comment_typed_faster_than_a_person_waits_in_the_queue_with_its_reason(db: TestDb) {
    let app = start(&db, &["--auto-publish"]).await;
    add_user(&db, "lan", "editor");
    let mut fast = comment("bai-1", GOOD);
    fast["typing_ms"] = json!(100);
    let reply = app.post(&fast).await;
    assert_eq!(reply.json()["status"], "pending");
    let lan = sign_in(&app, "lan").await;
    let page = lan.get("/admin/").await.body;
    assert!(
        page.contains("Chờ duyệt <span class=\"count\">1</span>"),
        "{page}"
    );
    assert!(page.contains("gõ nhanh hơn sức người"), "{page}");
    assert!(
        page.contains("100 ms") || page.contains("0.1 giây"),
        "{page}"
    );
}

/// Runs `binhluan-server comments ARGS --db DB` as the system user `toan`.
fn comments_as_toan(db: &TestDb, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("comments")
        .args(args)
        .arg("--db")
        .arg(&db.arg)
        .env_remove("DATABASE_URL")
        .env("USER", "toan")
        .output()
        .unwrap()
}

fn stdout_of(out: &Output) -> String {
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Every action of the `comments` command is the desk's: the same moves, one audit entry
/// each, by `cli:USER`, shown in "Nhật ký" and on the comment's page.
async fn the_command_line_moderates_through_the_desk_and_is_logged(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    let a = post_comment(&app, "bai-1", GOOD, "An").await;
    let b = post_comment(&app, "bai-1", GOOD2, "Bình").await;
    let (a_s, b_s) = (a.to_string(), b.to_string());
    assert_eq!(
        stdout_of(&comments_as_toan(&db, &["approve", &a_s, &b_s])),
        format!("comment {a}: published\ncomment {b}: published\n")
    );
    assert_eq!(app.list("bai-1", 1).await["total"], 2);
    assert_eq!(
        stdout_of(&comments_as_toan(&db, &["approve", &a_s])),
        format!("comment {a}: published (unchanged)\n")
    );
    for (args, said) in [
        (["spam", &a_s], "spam"),
        (["delete", &a_s], "deleted"),
        (["restore", &a_s], "spam"),
        (["reject", &b_s], "rejected"),
    ] {
        let out = stdout_of(&comments_as_toan(&db, &args));
        assert_eq!(out, format!("comment {}: {said}\n", args[1]), "{args:?}");
    }
    assert_eq!(app.list("bai-1", 1).await["total"], 0);
    let missing = comments_as_toan(&db, &["approve", "999999"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("999999"));

    let desk = desk_of(&db).await;
    let log = desk.audit(None, None, 50).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["reject", "restore", "delete", "spam", "approve"],
        "one entry per action that moved something, newest first"
    );
    assert!(log.iter().all(|e| e.actor == "cli:toan"), "{log:?}");
    assert_eq!(log[4].changes.len(), 2);
    let lan = sign_in(&app, "lan").await;
    let page = lan.get("/admin/log").await.body;
    assert_eq!(page.matches(">cli:toan<").count(), 5, "{page}");
    assert!(page.contains("Đã xoá → Nghi spam"), "{page}");
    let item = lan.get(&format!("/admin/comments/{a}")).await.body;
    assert!(item.contains("Chờ duyệt → Đã đăng"), "{item}");
    // And the desk's undo takes back what the command did.
    let undone = lan
        .post("/admin/undo", &[("entry", &log[0].id.to_string())])
        .await;
    assert_eq!(undone.status, 303);
    assert_eq!(app.list("bai-1", 1).await["total"], 1);
}

/// `comments purge --older-than 30` removes what was deleted more than 30 days ago (by the
/// time of the deletion), nothing else; the log keeps every entry about it and adds one
/// that says it was purged.
async fn purge_removes_only_comments_deleted_long_enough_ago(db: TestDb) {
    const DAY: i64 = 86_400_000;
    let app = start(&db, &["--auto-publish"]).await;
    add_user(&db, "lan", "editor");
    let old = post_comment(&app, "bai-1", GOOD, "Cũ").await;
    let recent = post_comment(&app, "bai-1", GOOD2, "Mới").await;
    let kept = post_comment(&app, "bai-2", GOOD, "Đăng").await;
    let desk = desk_of(&db).await;
    let now = now_ms();
    for (id, days) in [(old, 31), (recent, 29)] {
        let deleted = desk
            .moderate(Moderation {
                ids: vec![id],
                action: Action::Delete,
                reason: None,
                actor: "lan".into(),
                at_ms: now - days * DAY,
            })
            .await
            .unwrap();
        assert!(deleted.is_some());
    }
    let out = stdout_of(&comments_as_toan(&db, &["purge", "--older-than", "30"]));
    assert!(
        out.starts_with("purged 1 comments deleted before "),
        "{out}"
    );
    assert!(desk.comment(old).await.unwrap().is_none(), "gone for good");
    let recent_now = desk.comment(recent).await.unwrap().expect("kept");
    assert_eq!(recent_now.state, DeskState::Deleted);
    let kept_now = desk.comment(kept).await.unwrap().expect("kept");
    assert_eq!(kept_now.state, DeskState::Published);
    assert_eq!(desk.counts(None).await.unwrap().deleted, 1);
    // The log still tells its story, ending with the purge.
    let history = desk.audit(None, Some(old), 10).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["purge", "delete"]);
    assert_eq!(history[0].actor, "cli:toan");
    assert_eq!(
        history[0].changes,
        [Change {
            comment_id: old,
            from: DeskState::Deleted,
            to: DeskState::Purged
        }]
    );
    // A purge cannot be undone, and nothing is left to purge.
    assert!(desk
        .undo(history[0].id, "lan".into(), now)
        .await
        .unwrap()
        .is_none());
    let again = stdout_of(&comments_as_toan(&db, &["purge", "--older-than", "30"]));
    assert!(again.starts_with("purged 0 comments"), "{again}");
    let lan = sign_in(&app, "lan").await;
    let log = lan.get("/admin/log").await.body;
    assert!(
        log.contains("Xoá hẳn") && log.contains("Đã xoá → Đã xoá hẳn"),
        "{log}"
    );
    assert_eq!(lan.get(&format!("/admin/comments/{old}")).await.status, 404);
    assert_eq!(app.list("bai-1", 1).await["total"], 0);
    assert_eq!(app.list("bai-2", 1).await["total"], 1);
}

/// Now, in milliseconds since the Unix epoch.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The pieces of a Vietnamese message an English page must not show: the text between its
/// placeholders and tags that has Vietnamese letters.
fn vietnamese_words() -> Vec<(&'static str, String)> {
    let mut words = Vec::new();
    for (name, vi) in VI.entries() {
        let mut piece = String::new();
        let mut depth = 0;
        let mut pieces = Vec::new();
        for ch in vi.chars() {
            match ch {
                '{' | '<' => {
                    depth += 1;
                    pieces.push(std::mem::take(&mut piece));
                }
                '}' | '>' => depth -= 1,
                _ if depth == 0 => piece.push(ch),
                _ => {}
            }
        }
        pieces.push(piece);
        for p in pieces {
            let p = p.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
            if p.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
                words.push((name, p.to_owned()));
            }
        }
    }
    words
}

/// An English page: `lang="en"`, the link back to Vietnamese, and no Vietnamese word of the
/// desk's own (what readers wrote, `readers`, is theirs and stays as written).
fn assert_english(reply: &Reply, what: &str, readers: &[&str]) {
    let mut page = reply.body.clone();
    for r in readers {
        page = page.replace(r, "");
    }
    assert!(page.contains("<html lang=\"en\">"), "{what}: {page}");
    assert!(page.contains(">Tiếng Việt</a>"), "{what}: {page}");
    // Beyond the table: no Vietnamese letter at all but the link's own words.
    let rest = page.replace(">Tiếng Việt</a>", "");
    let letter = rest.chars().find(|c| c.is_alphabetic() && !c.is_ascii());
    assert_eq!(letter, None, "{what}: {rest}");
    let words = vietnamese_words();
    assert!(words.len() > 100, "{words:?}");
    for (name, word) in words {
        assert!(!page.contains(&word), "{what}: {name} {word:?} in {page}");
    }
}

/// Every desk page in English once `?lang=en` was chosen; the choice sticks in a cookie,
/// beats the browser's language, and leaves sessions and CSRF as they were.
async fn the_desk_speaks_english_when_chosen_on_every_page(db: TestDb) {
    let app = start(&db, &[]).await;
    add_user(&db, "lan", "editor");
    let a = post_comment(&app, "bai-1", GOOD, "An").await;
    let b = post_comment(&app, "bai-1", GOOD2, "Bình").await;
    let mut fast = comment("bai-2", GOOD);
    fast["typing_ms"] = json!(100);
    assert_eq!(app.post(&fast).await.status, 201);
    let mut trap = comment("bai-2", GOOD2);
    trap["website"] = json!("http://spam.example/");
    assert_eq!(app.post(&trap).await.status, 201);
    let readers = [GOOD, GOOD2, "Nguyễn Thị Lan", "Bình", "Bài một"];

    let vi = sign_in(&app, "lan").await;
    let page = vi.get("/admin/").await;
    assert!(page.body.contains("<html lang=\"vi\">"));
    assert!(page
        .body
        .contains("<a href=\"/admin/?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"));

    // The link keeps the page and its filters, and its choice is kept for the desk.
    let chosen = vi.get("/admin/?tab=spam&q=x&lang=en").await;
    assert_eq!(chosen.status, 200);
    assert!(chosen
        .body
        .contains("href=\"/admin/?tab=spam&amp;q=x&amp;lang=vi\""));
    let (_, lang, attributes) = set_cookies(&chosen)
        .into_iter()
        .find(|(n, _, _)| n == "binhluan_lang")
        .expect("the choice kept");
    assert_eq!(lang, "en");
    for attribute in ["SameSite=Strict", "Path=/admin", "Max-Age=31536000"] {
        assert!(attributes.contains(attribute), "{attributes}");
    }
    assert_english(&chosen, "the spam tab", &readers);
    let en = Editor {
        app: app.clone(),
        cookie: format!("{}; binhluan_lang=en", vi.cookie),
        csrf: vi.csrf.clone(),
    };

    // Acting in English: the same session and token, the banner and the log in English.
    let (a_s, b_s) = (a.to_string(), b.to_string());
    let done = en
        .post(
            "/admin/actions",
            &[("action", "reject"), ("id", &a_s), ("reason", "off-topic")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let location = done.header("location").unwrap().to_owned();
    let banner = en.get(&location).await;
    assert!(
        banner.body.contains("Rejected 1 comment."),
        "{}",
        banner.body
    );
    assert_english(&banner, "the banner", &readers);
    let entry = location.rsplit('=').next().unwrap();
    assert_eq!(
        en.post("/admin/undo", &[("entry", entry)]).await.status,
        303
    );
    let json_reply = send_json(&en, "/admin/actions", &[("one", &format!("approve:{b_s}"))]).await;
    assert_eq!(
        json_reply["message"], "Approve: 1 comment. Press u to undo.",
        "{json_reply}"
    );
    assert_eq!(
        en.post(
            "/admin/articles",
            &[("action", "close"), ("article", "bai-2")]
        )
        .await
        .status,
        303
    );

    for path in [
        "/admin/".to_owned(),
        "/admin/?tab=spam".to_owned(),
        "/admin/?tab=published".to_owned(),
        "/admin/?tab=rejected".to_owned(),
        "/admin/?tab=deleted".to_owned(),
        "/admin/?article=bai-2".to_owned(),
        format!("/admin/comments/{a}"),
        "/admin/articles".to_owned(),
        "/admin/log".to_owned(),
    ] {
        let reply = en.get(&path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_english(&reply, &path, &readers);
    }
    let queue = en.get("/admin/?tab=pending").await.body;
    for english in [
        "Pending <span class=\"count\">",
        "typed faster than a person can",
        "(Vietnam time)",
        "data-nothing-to-undo=\"No action to undo.\"",
    ] {
        assert!(queue.contains(english), "{english}: {queue}");
    }
    let log = en.get("/admin/log").await.body;
    assert!(log.contains("Undo action #"), "{log}");
    assert!(log.contains("(Off topic)"), "{log}");
    let item = en.get(&format!("/admin/comments/{a}")).await.body;
    assert!(item.contains(" Dec ") || item.contains(" Jan "), "{item}");

    // Errors, refusals and the sign-in form, in English too.
    for (path, status) in [("/admin/nowhere", 404), ("/admin/?tab=bogus", 400)] {
        let reply = en.get(path).await;
        assert_eq!(reply.status, status, "{path}");
        assert_english(&reply, path, &[]);
    }
    let forged = send_form(
        &app,
        "/admin/actions",
        &en.cookie,
        &[
            ("csrf", "0".repeat(64).as_str()),
            ("action", "approve"),
            ("id", &a_s),
        ],
        common::router::PEER,
    )
    .await;
    assert_eq!(forged.status, 403);
    assert!(forged.body.contains("CSRF token"), "{}", forged.body);
    assert_english(&forged, "a forged token", &[]);
    let signed_out = send_form(
        &app,
        "/admin/actions",
        "binhluan_lang=en",
        &[],
        "192.0.2.9:1",
    )
    .await;
    assert_eq!(signed_out.status, 401);
    assert_english(&signed_out, "signed out", &[]);
    let form = get(&app, "/admin/sign-in", "binhluan_lang=en").await;
    assert_english(&form, "the sign-in form", &[]);
    assert!(form.body.contains(">Sign in</button>"));

    // The choice beats the browser's language; without one, a browser that accepts
    // Vietnamese at all gets it, one that accepts English only gets English.
    let kept_vi = app
        .call("GET", "/admin/sign-in")
        .set("cookie", "binhluan_lang=vi")
        .set("accept-language", "en-US,en;q=0.9")
        .send(None)
        .await;
    assert!(kept_vi.body.contains("<html lang=\"vi\">"));
    let browser_en = app
        .call("GET", "/admin/sign-in")
        .set("accept-language", "en-GB,en;q=0.9,fr;q=0.5")
        .send(None)
        .await;
    assert_english(&browser_en, "Accept-Language", &[]);
    let browser_vi = app
        .call("GET", "/admin/sign-in")
        .set("accept-language", "en-US,en;q=0.9,vi;q=0.8")
        .send(None)
        .await;
    assert!(browser_vi.body.contains("<html lang=\"vi\">"));

    // Back to Vietnamese: the session is the same one.
    let back = en.get("/admin/?lang=vi").await;
    assert_eq!(cookie_value(&back, "binhluan_lang").as_deref(), Some("vi"));
    assert!(back.body.contains("<html lang=\"vi\">"));
    assert_eq!(csrf_of(&back.body), vi.csrf);
}

/// `--desk-lang en`: English for a browser that asks for neither language.
async fn the_servers_default_desk_language_is_an_option(db: TestDb) {
    let app = start(&db, &["--desk-lang", "en"]).await;
    let form = app.call("GET", "/admin/sign-in").send(None).await;
    assert_english(&form, "--desk-lang en", &[]);
    let vietnamese = app
        .call("GET", "/admin/sign-in")
        .set("accept-language", "vi")
        .send(None)
        .await;
    assert!(vietnamese.body.contains("<html lang=\"vi\">"));
}

/// Posts a form as the desk's script does, asking for JSON.
async fn send_json(editor: &Editor, path: &str, fields: &[(&str, &str)]) -> Value {
    let body = serde_urlencoded::to_string(fields).unwrap();
    let reply = editor
        .app
        .call("POST", path)
        .set("cookie", &editor.cookie)
        .set("content-type", "application/x-www-form-urlencoded")
        .set("accept", "application/json")
        .set("x-csrf-token", &editor.csrf)
        .send(Some(&body))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

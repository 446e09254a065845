//! docs/endpoint.openapi.json against real replies of the router and against the contract
//! types: every reply the document describes validates against its schema, and every
//! property of the contract types is in the document.

mod common;

use axum::body::Body;
use axum::http::Request;
use binhluan_contract::{
    ClientReport, ClientVerdict, CommentPage, CommentStatus, Created, EndpointRules, ErrorReply,
    ListedComment, NewComment,
};
use binhluan_rules::{
    Diacritics, DiacriticsVerdict, Hint, HintKind, Link, LinkRule, Problem, Span, Verdict,
};
use common::db::TestDb;
use common::router::TestApp;
use common::{comment, numbered, Reply, BAD, GOOD, GOOD2};
use serde::Serialize;
use serde_json::{json, Value};

const DOCUMENT: &str = include_str!("../../docs/endpoint.openapi.json");

fn document() -> Value {
    let doc: Value = serde_json::from_str(DOCUMENT).expect("the document is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    doc
}

/// `schema` as a standalone JSON Schema: the document's components beside it, so that its
/// `#/components/schemas/...` references resolve.
fn standalone(doc: &Value, schema: &Value) -> Value {
    let mut wrapped = schema.clone();
    let object = wrapped.as_object_mut().expect("a schema object");
    object.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    object.insert("components".into(), doc["components"].clone());
    wrapped
}

fn assert_valid(doc: &Value, schema: &Value, instance: &Value, what: &str) {
    let schema = standalone(doc, schema);
    let validator = jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("{what}: the schema does not compile: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{instance:#}");
}

/// The documented response of `method` for `status`.
fn response<'d>(doc: &'d Value, method: &str, status: &str) -> &'d Value {
    let responses = &doc["paths"]["/api/comments"][method]["responses"];
    let found = responses
        .get(status)
        .or_else(|| responses.get("default"))
        .unwrap_or_else(|| panic!("{method} {status} is not documented"));
    match found.get("$ref").and_then(Value::as_str) {
        Some(path) => {
            let name = path.trim_start_matches("#/components/responses/");
            &doc["components"]["responses"][name]
        }
        None => found,
    }
}

/// Checks a JSON reply against the document: status documented, body valid, headers
/// documented as required present.
fn check(doc: &Value, method: &str, reply: &Reply, status: u16) {
    assert_eq!(reply.status, status, "{}", reply.body);
    let documented = response(doc, method, &status.to_string());
    let schema = &documented["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{method} {status}: no JSON schema");
    assert_valid(doc, schema, &reply.json(), &format!("{method} {status}"));
    if let Some(headers) = documented["headers"].as_object() {
        for (name, header) in headers {
            if header["required"] == true {
                assert!(reply.header(name).is_some(), "{method} {status}: {name}");
            }
        }
    }
}

#[tokio::test]
async fn real_replies_match_the_document() {
    let doc = document();
    let db = TestDb::sqlite();
    let server = TestApp::start(&db, &["--rate-limit", "4", "--auto-publish"]).await;
    let url = "/api/comments";
    let keyed = |key: &str, body: &Value| {
        let (call, body) = (
            server.call("POST", url).set("Idempotency-Key", key),
            body.to_string(),
        );
        async move { call.send(Some(&body)).await }
    };

    let created = keyed("k-1", &comment("openapi", GOOD)).await;
    check(&doc, "post", &created, 201);
    let replayed = keyed("k-1", &comment("openapi", GOOD)).await;
    check(&doc, "post", &replayed, 201);
    assert_eq!(replayed.body, created.body);
    check(
        &doc,
        "post",
        &keyed("k-1", &comment("openapi", GOOD2)).await,
        409,
    );
    let refused = server.post(&comment("openapi", BAD)).await;
    check(&doc, "post", &refused, 422);
    assert!(!refused.json()["verdict"]["problems"]
        .as_array()
        .unwrap()
        .is_empty());
    // Four posts a minute: the fifth is limited.
    let limited = server.post(&comment("openapi", GOOD2)).await;
    check(&doc, "post", &limited, 429);
    assert!(response(&doc, "post", "429")["headers"]["Retry-After"].is_object());

    // Errors before the rate limit.
    let server = TestApp::start(&db, &["--rate-limit", "0", "--auto-publish"]).await;
    check(
        &doc,
        "post",
        &server.call("POST", url).send(Some("{not json")).await,
        400,
    );
    let over = comment("openapi", &"a".repeat(64 * 1024)).to_string();
    check(
        &doc,
        "post",
        &server.call("POST", url).send(Some(&over)).await,
        413,
    );
    let plain = server
        .call("POST", url)
        .set("Content-Type", "text/plain")
        .send(Some("x"))
        .await;
    check(&doc, "post", &plain, 415);
    let elsewhere = server
        .call("POST", url)
        .set("Origin", "https://evil.example")
        .send(Some(&comment("openapi", GOOD).to_string()))
        .await;
    check(&doc, "post", &elsewhere, 403);
    check(
        &doc,
        "get",
        &server.call("GET", "/api/nothing").send(None).await,
        404,
    );
    check(&doc, "get", &server.call("GET", url).send(None).await, 400);

    let page = server
        .call("GET", "/api/comments?article=openapi&page=1")
        .send(None)
        .await;
    check(&doc, "get", &page, 200);
    assert_eq!(page.json()["total"], 1, "stored once, whatever came after");
    for i in 0..20 {
        server.post(&comment("openapi", &numbered(GOOD2, i))).await;
    }
    let first = server
        .call("GET", "/api/comments?article=openapi")
        .send(None)
        .await;
    check(&doc, "get", &first, 200);
    let next = first.json()["next"]
        .as_str()
        .expect("a next page")
        .to_owned();
    let second = server
        .call(
            "GET",
            &format!("/api/comments?article=openapi&after={next}"),
        )
        .send(None)
        .await;
    check(&doc, "get", &second, 200);
    assert_eq!(second.json()["comments"].as_array().unwrap().len(), 1);
    let refused = server
        .call("GET", "/api/comments?article=openapi&after=nope")
        .send(None)
        .await;
    check(&doc, "get", &refused, 400);
}

#[tokio::test]
async fn a_timeout_matches_the_document() {
    let doc = document();
    let db = TestDb::sqlite();
    let server = TestApp::start(&db, &["--timeout", "1"]).await;
    // A body that never ends.
    let stream = futures_util::stream::pending::<Result<String, std::io::Error>>();
    let request = Request::post("/api/comments")
        .header("content-type", "application/json")
        .body(Body::from_stream(stream))
        .unwrap();
    check(&doc, "post", &server.request(request).await, 408);
}

/// `value` serialised, validated against schema `name` with every property required to be
/// declared (`additionalProperties: false`).
fn assert_fully_declared(doc: &Value, name: &str, value: &impl Serialize) {
    let mut schema = doc["components"]["schemas"][name].clone();
    assert!(schema.is_object(), "no schema {name}");
    schema["additionalProperties"] = json!(false);
    let instance = serde_json::to_value(value).unwrap();
    for key in instance.as_object().unwrap().keys() {
        assert!(
            schema["properties"].get(key).is_some() || schema.get("$ref").is_some(),
            "{name}.{key} is not in the document"
        );
    }
    assert_valid(doc, &schema, &instance, name);
}

#[test]
fn every_property_of_the_contract_is_in_the_document() {
    let doc = document();
    let s = |t: &str| Some(t.to_owned());
    let report = ClientReport {
        rules_version: s("1.0"),
        verdict: Some(ClientVerdict { ok: Some(true) }),
    };
    let new = NewComment {
        article_id: s("bai-1"),
        article_url: s("https://bao.example/bai-1"),
        article_title: s("Bài một"),
        name: s("Lan"),
        email: s("lan@example.com"),
        content: s(GOOD),
        idempotency_key: s("k"),
        website: s(""),
        typing_ms: Some(6000.0),
        client: Some(report.clone()),
    };
    assert_fully_declared(&doc, "NewComment", &new);
    assert_fully_declared(&doc, "ClientReport", &report);
    assert_fully_declared(&doc, "ClientVerdict", &report.verdict.unwrap());
    for status in [CommentStatus::Pending, CommentStatus::Published] {
        assert_fully_declared(&doc, "Created", &Created { id: 1, status });
    }
    let verdict = Verdict {
        ok: false,
        words: 2,
        min_words: 10,
        length: 30,
        max_length: 1000,
        diacritics: Diacritics {
            verdict: DiacriticsVerdict::ThieuDau,
            d: 0.5,
        },
        suspects: vec![Span {
            start: 0,
            end: 5,
            text: "nguoi".into(),
        }],
        hints: vec![Hint {
            kind: HintKind::VniWindows,
            suggestion: "người".into(),
        }],
        links: vec![Link {
            start: 6,
            end: 12,
            text: "x[.]vn".into(),
            rule: LinkRule::DisguisedHost,
        }],
        problems: vec![
            Problem::Empty,
            Problem::TooFewWords,
            Problem::NoDiacritics,
            Problem::HasLink,
            Problem::TooLong,
        ],
    };
    assert_fully_declared(&doc, "Verdict", &verdict);
    let error = ErrorReply {
        error: "rules".into(),
        message: "Cần tối thiểu 10 chữ.".into(),
        message_en: "At least 10 words.".into(),
        verdict: Some(Box::new(verdict)),
        detail: s("why"),
    };
    assert_fully_declared(&doc, "ErrorReply", &error);
    let page = CommentPage {
        article: "bai-1".into(),
        page: 1,
        per_page: 20,
        total: 1,
        closed: true,
        comments: vec![ListedComment {
            id: 1,
            name: "Lan".into(),
            content: GOOD.into(),
            created_at: "2026-12-04T20:41:00Z".into(),
        }],
        rules: Some(EndpointRules {
            min_words: 10,
            max_length: 1000,
            emails_are_links: false,
        }),
        next: s("2.1764880860000.1"),
    };
    assert_fully_declared(&doc, "CommentPage", &page);
    assert_fully_declared(&doc, "EndpointRules", &page.rules.unwrap());
    assert_fully_declared(&doc, "ListedComment", &page.comments[0]);
}

#[test]
fn the_document_declares_the_headers_of_the_contract() {
    let doc = document();
    let post = &doc["paths"]["/api/comments"]["post"];
    let idempotency = &doc["components"]["parameters"]["Idempotency-Key"];
    assert_eq!(idempotency["in"], "header");
    assert!(post["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["$ref"] == "#/components/parameters/Idempotency-Key"));
    for media in ["application/json", "application/x-www-form-urlencoded"] {
        assert!(post["requestBody"]["content"][media].is_object(), "{media}");
    }
    for status in [
        "201", "400", "403", "408", "409", "413", "415", "422", "429", "500", "default",
    ] {
        assert!(post["responses"][status].is_object(), "POST {status}");
    }
    assert_eq!(
        post["responses"]["422"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/RulesErrorReply"
    );
}

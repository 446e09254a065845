//! `--www DIR`: the demo's static files, with the MIME types browsers insist on
//! (`application/wasm` for streaming compilation, JavaScript for module scripts), the
//! precompressed `.br`/`.gz` sibling of a file when the browser accepts it, and a cache
//! policy by name (see [`cache_control`]).

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::reply::ApiError;

/// The Content-Type for a file name, by its extension (case-insensitive).
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// How long browsers and CDNs may keep a file, by its name. A name with a content hash
/// (`binhluan_core_bg.3f9a1c2b.wasm`, as `.ci/build` writes them) never changes contents:
/// kept for a year without asking again. The loader (`binhluan.js`, which pages name and
/// which names the hashed files) and the stylesheet the wasm names keep their names across
/// releases: kept five minutes, so a release reaches readers soon. Anything else (pages)
/// is revalidated on every use.
pub fn cache_control(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let mut parts = name.rsplit('.');
    let (_ext, hash) = (parts.next(), parts.next().unwrap_or(""));
    if parts.next().is_some() && hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        "public, max-age=31536000, immutable"
    } else if matches!(name, "binhluan.js" | "binhluan.min.js" | "binhluan.css") {
        "public, max-age=300"
    } else {
        "no-cache"
    }
}

/// Whether the URL path names a file this server may hand out: not when undecodable, or
/// with a `..` or `.` segment, a hidden name (`.git`), a backslash or a NUL.
pub fn allowed(url_path: &str) -> bool {
    percent_decode(url_path).is_some_and(|decoded| {
        decoded
            .split('/')
            .all(|segment| !segment.starts_with('.') && !segment.contains(['\\', '\0']))
    })
}

/// Whether the file `url_path` names, or its `.br`/`.gz` sibling, resolves, through symbolic
/// links, to a place outside `root` (which is canonical): `ServeDir` follows links, so a link in the folder must not
/// lead it to `/etc`. A file that does not exist is left to `ServeDir`'s 404.
async fn leaves_root(root: &Path, url_path: &str) -> bool {
    let Some(decoded) = percent_decode(url_path) else {
        return true;
    };
    let mut file = root.join(decoded.trim_start_matches('/'));
    if decoded.ends_with('/') {
        file.push("index.html");
    }
    // The precompressed siblings ServeDir may send instead are held to the same rule.
    let mut siblings = [file.clone(), file.clone(), file];
    siblings[1].as_mut_os_string().push(".br");
    siblings[2].as_mut_os_string().push(".gz");
    for candidate in &siblings {
        if let Ok(real) = tokio::fs::canonicalize(candidate).await {
            if !real.starts_with(root) {
                return true;
            }
        }
    }
    false
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Serves one request from `root` (canonical: [`crate::AppState::open`] makes it so) with tower-http's `ServeDir` (ranges, conditional
/// requests, streaming), after refusing what [`allowed`] refuses and links out of `root`. Errors are the API's JSON
/// ones; types come from [`mime_type`], `index.html` for a folder; a folder without its
/// trailing slash is redirected for good (308), since relative links in its index need it.
pub async fn serve(root: &Path, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return ApiError::method_not_allowed().into_response();
    }
    let path = req.uri().path().to_owned();
    if !allowed(&path) || leaves_root(root, &path).await {
        return ApiError::not_found().into_response();
    }
    let Ok(mut response) = ServeDir::new(root)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await;
    match response.status() {
        StatusCode::TEMPORARY_REDIRECT => {
            *response.status_mut() = StatusCode::PERMANENT_REDIRECT;
        }
        StatusCode::NOT_FOUND => return ApiError::not_found().into_response(),
        status if status.is_server_error() => {
            return ApiError::internal(&format_args!("serving {path}: {status}")).into_response()
        }
        _ => {
            let file = if path.ends_with('/') {
                "index.html"
            } else {
                path.as_str()
            };
            let headers = response.headers_mut();
            if headers.contains_key(header::CONTENT_TYPE) {
                headers.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(mime_type(Path::new(file))),
                );
            }
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(cache_control(Path::new(file))),
            );
            // The same URL answers brotli, gzip or plain by the request's Accept-Encoding:
            // a shared cache must keep them apart.
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response.map(Body::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types_browsers_need() {
        assert_eq!(
            mime_type(Path::new("pkg/binhluan_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(
            mime_type(Path::new("a.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("INDEX.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("noext")), "application/octet-stream");
    }

    #[test]
    fn hashed_names_are_kept_for_a_year_the_loader_minutes() {
        let immutable = "public, max-age=31536000, immutable";
        for hashed in [
            "binhluan/binhluan_core_bg.3f9a1c2b.wasm",
            "binhluan_core.0123abcd.js",
            "x/binhluan.DEADBEEF.css",
        ] {
            assert_eq!(cache_control(Path::new(hashed)), immutable, "{hashed}");
        }
        for short in [
            "binhluan/binhluan.js",
            "binhluan.min.js",
            "binhluan/binhluan.css",
        ] {
            assert_eq!(
                cache_control(Path::new(short)),
                "public, max-age=300",
                "{short}"
            );
        }
        for page in [
            "index.html",
            "3f9a1c2b.js",
            "binhluan_core.3f9a1c2.js",
            "binhluan_core.3f9a1c2g.js",
            "a.b.js",
            "",
        ] {
            assert_eq!(cache_control(Path::new(page)), "no-cache", "{page}");
        }
    }

    #[test]
    fn paths_stay_inside_the_root() {
        for good in ["/binhluan/x%20y.js", "/", "/b%C3%A0i", "/a/b/"] {
            assert!(allowed(good), "{good}");
        }
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/etc",
            "/.git/config",
            "/a%5c..%5cb",
            "/a%00b",
            "/%zz",
            "/%",
            "/%ff",
        ] {
            assert!(!allowed(bad), "{bad}");
        }
    }
}

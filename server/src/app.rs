//! The application: the routes of the endpoint and the layers around them.

use std::sync::Arc;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{BoxError, Router};
use binhluan_contract::COMMENTS_PATH;
use tower::timeout::error::Elapsed;
use tower::timeout::TimeoutLayer;
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::reply::ApiError;
use crate::state::AppState;
use crate::{admin, cors, listing, submit, www};

/// The header that names a request in the log and in its reply: the client's own, or one
/// made here.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole HTTP surface of binhluan-server: `POST` and `GET /api/comments`, the static
/// files of `--www`, and the guards (request id, log span, CORS, timeout) in front of them.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route(COMMENTS_PATH, get(listing::list).post(submit::post))
        .merge(admin::routes(state.clone()))
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .fallback(fallback)
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(timed_out))
                .layer(TimeoutLayer::new(state.timeout)),
        )
        .layer(middleware::from_fn_with_state(state.clone(), cors::guard))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(span))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID)),
        )
        .with_state(state)
}

/// Everything but the API: the `--www` folder if there is one.
async fn fallback(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match &state.www {
        Some(root) if !req.uri().path().starts_with("/api/") => www::serve(root, req).await,
        _ => ApiError::not_found().into_response(),
    }
}

/// 408 when the request (its body included) took longer than `--timeout`.
async fn timed_out(error: BoxError) -> ApiError {
    if error.is::<Elapsed>() {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "Yêu cầu quá thời gian, vui lòng thử lại.",
            "The request took too long; please try again.",
        )
    } else {
        ApiError::internal(&error)
    }
}

/// The log span of one request: its id, method and path (never the query or the body,
/// which hold what readers typed).
fn span(req: &Request) -> Span {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!("request", id, method = %req.method(), path = req.uri().path())
}

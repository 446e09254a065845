//! The box's options, from data attributes, element attributes or a JS object (one name
//! each, camelCase in JS, kebab-case in attributes: `minWords` = `data-min-words`).
//! Parsing is plain Rust and tested natively; only [`Config::from_js`] touches JS values.

use crate::i18n::{Lang, Texts};
use binhluan_rules::Rules;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Whether a field (name, e-mail) is shown, and whether it must be filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Not shown.
    Off,
    /// Shown, may stay empty.
    Optional,
    /// Shown, must be filled.
    Required,
}

/// The colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// Follows the page: dark when the background behind the box is dark.
    Auto,
}

impl Theme {
    /// The value of the host's `data-theme` attribute the stylesheet keys on.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// The value of an extra request header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// A fixed value.
    Literal(String),
    /// The `content` of `<meta name="...">`, read when posting (a CSRF token).
    Meta(String),
}

/// An extra request header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Its name, an HTTP token.
    pub name: String,
    /// Its value.
    pub value: HeaderValue,
}

/// Why one option was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rejected {
    /// binhluan knows no option of that name.
    Unknown,
    /// A known option with a value it cannot take.
    BadValue,
}

/// An option that was not taken: the box works without it, and the console says why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigWarning {
    /// An option binhluan does not know (a typo, or an attribute a CDN or a test tool
    /// added), with the known option closest to it, if one is close.
    Unknown {
        /// The option as read (camelCase).
        name: String,
        /// The closest known option.
        closest: Option<&'static str>,
    },
    /// A known option with a value it cannot take: its default is used.
    BadValue {
        /// The option (camelCase).
        name: String,
        /// What it may be.
        allowed: &'static str,
    },
}

/// Why the box cannot work: only an endpoint it cannot post to. Each kind has a stable
/// code for `binhluan:error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointError {
    /// No endpoint was given.
    Missing,
    /// The endpoint is not a URL.
    NotUrl,
    /// The endpoint is not https (plain http is allowed only for localhost), or is plain
    /// http on an https page.
    Insecure,
}

impl EndpointError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            EndpointError::Missing => "missing-endpoint",
            EndpointError::NotUrl => "bad-endpoint",
            EndpointError::Insecure => "insecure-endpoint",
        }
    }

    /// How the site owner fixes it.
    pub fn fix(&self) -> &'static str {
        match self {
            EndpointError::Missing => {
                "no endpoint: add data-endpoint=\"https://your-server/api/comments\" to the script tag or the mount point"
            }
            EndpointError::NotUrl => {
                "the endpoint is not a URL: give an https:// address, or a path such as /api/comments"
            }
            EndpointError::Insecure => {
                "the endpoint is plain http: use https (plain http only for localhost, and never from an https page)"
            }
        }
    }
}

/// The options a site may give (camelCase), besides `text<Key>`: what an unknown name is
/// compared with.
const KNOWN_OPTIONS: [&str; 16] = [
    "endpoint",
    "articleId",
    "articleUrl",
    "articleTitle",
    "list",
    "timeout",
    "nameField",
    "emailField",
    "lang",
    "theme",
    "credentials",
    "headers",
    "load",
    "minWords",
    "maxLength",
    "emailsAreLinks",
];

/// What option `name` may be, for the console.
fn allowed_values(name: &str) -> &'static str {
    match name {
        "list" | "emailsAreLinks" => "true or false",
        "timeout" => "whole seconds, 1 to 300",
        "nameField" | "emailField" => "off, optional or required",
        "lang" => "vi or en",
        "theme" => "auto (follows the page), light or dark",
        "credentials" => "omit, same-origin or include",
        "headers" => "\"Name: value\" pairs separated by ;",
        "load" => "lazy or eager",
        "minWords" => "a whole number, 0 to 1000",
        "maxLength" => "a whole number, 1 to 100000",
        _ => "text",
    }
}

/// The known option closest to `name` (at most a third of its letters off), if any.
pub fn closest_option(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    KNOWN_OPTIONS
        .into_iter()
        .map(|known| (edit_distance(&lower, &known.to_ascii_lowercase()), known))
        .filter(|(distance, known)| *distance * 3 <= known.len().max(3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

/// Levenshtein distance over bytes (option names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substituted = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substituted.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// `minWords` as an attribute: `data-min-words`.
pub fn attribute_name(option: &str) -> String {
    let mut out = String::from("data-");
    for c in option.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Everything one box needs to know.
#[derive(Clone, Debug)]
pub struct Config {
    /// The absolute URL comments are POSTed to (and listed from).
    pub endpoint: String,
    /// What identifies the article (default: the page's canonical URL).
    pub article_id: String,
    /// The article's URL (default: the canonical URL).
    pub article_url: String,
    /// The article's title (default: the document title).
    pub article_title: String,
    /// The rules the comment must satisfy.
    pub rules: Rules,
    /// The name field.
    pub name_field: Field,
    /// The e-mail field.
    pub email_field: Field,
    /// Visible texts.
    pub texts: Texts,
    /// Colour theme.
    pub theme: Theme,
    /// Extra request headers.
    pub headers: Vec<Header>,
    /// `fetch` credentials mode: `omit` (default), `same-origin` or `include`.
    pub credentials: web_sys::RequestCredentials,
    /// Whether published comments are listed under the box.
    pub list: bool,
    /// Whether the site set any of the rules' options itself (the endpoint's rules replace
    /// them, with a note in the console when they differ).
    pub rules_from_site: bool,
    /// Seconds a request may take, reply included, before it is aborted (and retried).
    pub timeout_s: u32,
}

/// The configuration, and the options left out (reported even when the box cannot work:
/// a typo of `endpoint` is why there is none).
pub struct Loaded {
    /// The configuration, or why the box cannot post.
    pub config: Result<Config, EndpointError>,
    /// The options not taken, for the console.
    pub warnings: Vec<ConfigWarning>,
}

/// What the page supplies for defaults and for resolving a relative endpoint.
pub struct PageContext {
    /// `document.baseURI`.
    pub base_uri: String,
    /// The canonical URL (or the page URL without query and fragment).
    pub canonical: String,
    /// `document.title`.
    pub title: String,
}

impl Config {
    /// Reads the options from a JS object of `name -> value`.
    pub fn from_js(options: &JsValue, page: &PageContext) -> Loaded {
        let mut pairs = Vec::new();
        if let Some(object) = options.dyn_ref::<js_sys::Object>() {
            for entry in js_sys::Object::entries(object).iter() {
                let entry: js_sys::Array = entry.unchecked_into();
                let name = entry.get(0).as_string().unwrap_or_default();
                pairs.push((name, OptionValue::from_js(&entry.get(1))));
            }
        }
        Config::from_pairs(pairs, page)
    }

    /// Reads the options from `(name, value)` pairs. Only the endpoint is fatal: any other
    /// option that cannot be taken is left at its default, with a warning.
    pub fn from_pairs(pairs: Vec<(String, OptionValue)>, page: &PageContext) -> Loaded {
        let mut endpoint = None;
        let mut config = Config {
            endpoint: String::new(),
            article_id: page.canonical.clone(),
            article_url: page.canonical.clone(),
            article_title: page.title.clone(),
            rules: Rules::default(),
            name_field: Field::Optional,
            email_field: Field::Off,
            texts: Texts::new(Lang::Vi),
            theme: Theme::Auto,
            headers: Vec::new(),
            credentials: web_sys::RequestCredentials::Omit,
            list: true,
            rules_from_site: false,
            timeout_s: 15,
        };
        let mut warnings = Vec::new();
        for (name, value) in pairs {
            let rule = RULE_OPTIONS.contains(&name.as_str());
            match config.set(&name, value, &mut endpoint) {
                Ok(()) => config.rules_from_site |= rule,
                Err(Rejected::BadValue) => warnings.push(ConfigWarning::BadValue {
                    allowed: allowed_values(&name),
                    name,
                }),
                Err(Rejected::Unknown) => warnings.push(ConfigWarning::Unknown {
                    closest: closest_option(&name),
                    name,
                }),
            }
        }
        let config = endpoint
            .filter(|e| !e.trim().is_empty())
            .ok_or(EndpointError::Missing)
            .and_then(|e| resolve_endpoint(e.trim(), &page.base_uri))
            .map(|endpoint| Config { endpoint, ..config });
        Loaded { config, warnings }
    }

    /// Sets the option `name` (the endpoint into `endpoint`, resolved once all are read).
    fn set(
        &mut self,
        name: &str,
        value: OptionValue,
        endpoint: &mut Option<String>,
    ) -> Result<(), Rejected> {
        match set_rule(&mut self.rules, name, &value) {
            Err(Rejected::Unknown) => {}
            done => return done,
        }
        let done = match name {
            "endpoint" => value.into_text().map(|t| *endpoint = Some(t)),
            "articleId" => value.into_text().map(|t| self.article_id = t),
            "articleUrl" => value.into_text().map(|t| self.article_url = t),
            "articleTitle" => value.into_text().map(|t| self.article_title = t),
            "list" => value.flag().map(|b| self.list = b),
            "timeout" => value.number(1, 300).map(|n| self.timeout_s = n),
            "nameField" => field(&value).map(|f| self.name_field = f),
            "emailField" => field(&value).map(|f| self.email_field = f),
            "lang" => one_of(&value, &[("vi", Lang::Vi), ("en", Lang::En)])
                .map(|lang| self.texts.lang = lang),
            "theme" => one_of(
                &value,
                &[
                    ("light", Theme::Light),
                    ("dark", Theme::Dark),
                    ("auto", Theme::Auto),
                ],
            )
            .map(|theme| self.theme = theme),
            "credentials" => one_of(
                &value,
                &[
                    ("omit", web_sys::RequestCredentials::Omit),
                    ("same-origin", web_sys::RequestCredentials::SameOrigin),
                    ("include", web_sys::RequestCredentials::Include),
                ],
            )
            .map(|credentials| self.credentials = credentials),
            "headers" => match value {
                OptionValue::Text(text) => parse_headers(&text),
                OptionValue::Pairs(pairs) => pairs
                    .into_iter()
                    .map(|(name, value)| header(&name, &value))
                    .collect(),
                _ => None,
            }
            .map(|headers| self.headers = headers),
            // Read by the loader: when to load the widget.
            "load" => one_of(&value, &[("lazy", ()), ("eager", ())]),
            _ => {
                let key = name.strip_prefix("text").filter(|key| !key.is_empty());
                let text = value.into_text();
                return match (key, text) {
                    (None, _) => Err(Rejected::Unknown),
                    (Some(_), None) => Err(Rejected::BadValue),
                    (Some(key), Some(text)) => self
                        .texts
                        .set(key, text)
                        .then_some(())
                        .ok_or(Rejected::Unknown),
                };
            }
        };
        done.ok_or(Rejected::BadValue)
    }
}

/// The options of the rules, the only ones `check()` reads.
const RULE_OPTIONS: [&str; 3] = ["minWords", "maxLength", "emailsAreLinks"];

#[wasm_bindgen]
extern "C" {
    /// The options object as `check()` reads it: one property read each, with no key string
    /// crossing the boundary (`Reflect.get` with a key made by `JsValue::from_str` decodes
    /// the key on every call, a large part of the cost of a short `check()`).
    type RuleOptions;
    #[wasm_bindgen(method, getter = minWords, catch)]
    fn min_words(this: &RuleOptions) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter = maxLength, catch)]
    fn max_length(this: &RuleOptions) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter = emailsAreLinks, catch)]
    fn emails_are_links(this: &RuleOptions) -> Result<JsValue, JsValue>;
}

/// Sets one of [`RULE_OPTIONS`]; any other option is [`Rejected::Unknown`] here.
fn set_rule(rules: &mut Rules, name: &str, value: &OptionValue) -> Result<(), Rejected> {
    match name {
        "minWords" => value.number(0, 1000).map(|n| rules.min_words = n),
        "maxLength" => value.number(1, 100_000).map(|n| rules.max_length = n),
        "emailsAreLinks" => value.flag().map(|b| rules.emails_are_links = b),
        _ => return Err(Rejected::Unknown),
    }
    .ok_or(Rejected::BadValue)
}

/// The rules' options alone, read directly for `check()` (its fixed cost per call stays
/// small); the other options are not looked at. None when one has a bad value.
pub fn rules_from_js(options: &JsValue) -> Option<Rules> {
    let mut rules = Rules::default();
    if !options.is_object() {
        return Some(rules);
    }
    let options: &RuleOptions = options.unchecked_ref();
    let values = [
        options.min_words(),
        options.max_length(),
        options.emails_are_links(),
    ];
    for (name, value) in RULE_OPTIONS.into_iter().zip(values) {
        let value = value.ok()?;
        if !value.is_undefined() {
            set_rule(&mut rules, name, &OptionValue::from_js(&value)).ok()?;
        }
    }
    Some(rules)
}

/// The texts in the language `options` asks for (for the message about a configuration
/// that could not be read).
pub fn texts_for(options: &JsValue) -> Texts {
    let lang = js_sys::Reflect::get(options, &"lang".into())
        .ok()
        .and_then(|v| v.as_string());
    Texts::new(if lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    })
}

/// An option's value as it came: attributes give text, the JS API anything.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// A string.
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Flag(bool),
    /// A plain object of string values (`headers`).
    Pairs(Vec<(String, String)>),
    /// Anything else.
    Other,
}

impl OptionValue {
    fn from_js(value: &JsValue) -> OptionValue {
        if let Some(text) = value.as_string() {
            OptionValue::Text(text)
        } else if let Some(n) = value.as_f64() {
            OptionValue::Number(n)
        } else if let Some(b) = value.as_bool() {
            OptionValue::Flag(b)
        } else if let Some(object) = value.dyn_ref::<js_sys::Object>() {
            let mut pairs = Vec::new();
            for entry in js_sys::Object::entries(object).iter() {
                let entry: js_sys::Array = entry.unchecked_into();
                match (entry.get(0).as_string(), entry.get(1).as_string()) {
                    (Some(k), Some(v)) => pairs.push((k, v)),
                    _ => return OptionValue::Other,
                }
            }
            OptionValue::Pairs(pairs)
        } else {
            OptionValue::Other
        }
    }

    fn into_text(self) -> Option<String> {
        match self {
            OptionValue::Text(t) => Some(t),
            _ => None,
        }
    }

    /// A whole number in `min..=max`, given as a number or as decimal text.
    fn number(&self, min: u32, max: u32) -> Option<u32> {
        let n = match self {
            OptionValue::Number(n) => *n,
            OptionValue::Text(t) => t.trim().parse::<u32>().ok()? as f64,
            _ => return None,
        };
        (n.fract() == 0.0 && n >= min as f64 && n <= max as f64).then_some(n as u32)
    }

    /// A boolean, given as one or as `true`/`false`/`on`/`off`/`yes`/`no`/`1`/`0`
    /// (an attribute present without a value, `""`, means true).
    fn flag(&self) -> Option<bool> {
        match self {
            OptionValue::Flag(b) => Some(*b),
            OptionValue::Text(t) => match t.trim() {
                "" | "true" | "on" | "yes" | "1" => Some(true),
                "false" | "off" | "no" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

fn field(value: &OptionValue) -> Option<Field> {
    one_of(
        value,
        &[
            ("off", Field::Off),
            ("optional", Field::Optional),
            ("required", Field::Required),
        ],
    )
}

/// The choice whose name is the text `value`.
fn one_of<T: Copy>(value: &OptionValue, choices: &[(&str, T)]) -> Option<T> {
    match value {
        OptionValue::Text(text) => choices.iter().find(|(name, _)| name == text),
        _ => None,
    }
    .map(|&(_, choice)| choice)
}

/// Parses `Name: value` pairs separated by `;` or new lines. A value `meta:NAME` is read from
/// `<meta name="NAME">` when posting. None when any pair is malformed.
pub fn parse_headers(text: &str) -> Option<Vec<Header>> {
    text.split([';', '\n'])
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once(':')?;
            header(name, value)
        })
        .collect()
}

/// One extra header; its name must be an HTTP token and not one binhluan sets itself.
fn header(name: &str, value: &str) -> Option<Header> {
    let name = name.trim();
    let value = value.trim();
    // `str::contains(char)` would pull the two-way substring searcher into the wasm.
    let token = |c: char| {
        c.is_ascii() && (c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&(c as u8)))
    };
    let reserved = ["content-type", "idempotency-key", "content-length"];
    if name.is_empty()
        || !name.chars().all(token)
        || reserved.contains(&name.to_ascii_lowercase().as_str())
        || value.chars().any(|c| c.is_control())
    {
        return None;
    }
    let value = match value.strip_prefix("meta:") {
        Some(meta) => HeaderValue::Meta(meta.trim().to_owned()),
        None => HeaderValue::Literal(value.to_owned()),
    };
    Some(Header {
        name: name.to_owned(),
        value,
    })
}

/// Resolves `endpoint` against the page and checks it is safe to post to: `https:`, or
/// `http:` for localhost only, and never `http:` from an `https:` page.
pub fn resolve_endpoint(endpoint: &str, base_uri: &str) -> Result<String, EndpointError> {
    let url = web_sys::Url::new_with_base(endpoint, base_uri).map_err(|_| EndpointError::NotUrl)?;
    let page_is_https = base_uri.starts_with("https:");
    endpoint_allowed(&url.protocol(), &url.hostname(), page_is_https)?;
    url.set_hash("");
    Ok(url.href())
}

/// The endpoint policy of [`resolve_endpoint`], on the parts of a parsed URL.
pub fn endpoint_allowed(
    protocol: &str,
    hostname: &str,
    page_is_https: bool,
) -> Result<(), EndpointError> {
    let local =
        matches!(hostname, "localhost" | "127.0.0.1" | "[::1]") || hostname.ends_with(".localhost");
    match protocol {
        "https:" => Ok(()),
        "http:" if local && !page_is_https => Ok(()),
        "http:" => Err(EndpointError::Insecure),
        _ => Err(EndpointError::NotUrl),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    #[test]
    fn endpoint_policy() {
        assert!(endpoint_allowed("https:", "example.vn", true).is_ok());
        assert!(endpoint_allowed("https:", "example.vn", false).is_ok());
        assert!(endpoint_allowed("http:", "127.0.0.1", false).is_ok());
        assert!(endpoint_allowed("http:", "localhost", false).is_ok());
        assert!(endpoint_allowed("http:", "[::1]", false).is_ok());
        assert_eq!(
            endpoint_allowed("http:", "example.vn", false),
            Err(EndpointError::Insecure)
        );
        assert_eq!(
            endpoint_allowed("http:", "localhost", true),
            Err(EndpointError::Insecure)
        );
        assert_eq!(
            endpoint_allowed("javascript:", "", false),
            Err(EndpointError::NotUrl)
        );
        assert_eq!(
            endpoint_allowed("data:", "", true),
            Err(EndpointError::NotUrl)
        );
        for scheme in ["ftp:", "ws:", "wss:", "file:", "blob:"] {
            assert_eq!(
                endpoint_allowed(scheme, "example.vn", true),
                Err(EndpointError::NotUrl)
            );
        }
        // Cross-scheme: an https page never posts over http, not even to itself.
        assert_eq!(
            endpoint_allowed("http:", "127.0.0.1", true),
            Err(EndpointError::Insecure)
        );
    }

    #[test]
    fn headers_from_text() {
        assert_eq!(
            parse_headers("X-CSRF-Token: meta:csrf-token; X-Site: báo"),
            Some(vec![
                Header {
                    name: "X-CSRF-Token".into(),
                    value: HeaderValue::Meta("csrf-token".into())
                },
                Header {
                    name: "X-Site".into(),
                    value: HeaderValue::Literal("báo".into())
                },
            ])
        );
        assert_eq!(parse_headers(""), Some(vec![]));
        assert_eq!(parse_headers("no colon"), None);
        assert_eq!(parse_headers("Bad Name: x"), None);
        assert_eq!(parse_headers("Content-Type: text/plain"), None);
        assert_eq!(parse_headers("Idempotency-Key: 1"), None);
        assert_eq!(parse_headers("X-A: a\u{0}b"), None);
    }

    #[test]
    fn an_unknown_option_is_matched_with_the_closest_known_one() {
        assert_eq!(closest_option("endpiont"), Some("endpoint"));
        assert_eq!(closest_option("minWrods"), Some("minWords"));
        assert_eq!(closest_option("them"), Some("theme"));
        assert_eq!(closest_option("cfasync"), None);
        assert_eq!(closest_option("testid"), None);
        assert_eq!(attribute_name("minWords"), "data-min-words");
    }

    #[test]
    fn values_by_kind() {
        assert_eq!(OptionValue::Text("12".into()).number(0, 1000), Some(12));
        assert_eq!(OptionValue::Number(12.0).number(0, 1000), Some(12));
        assert_eq!(OptionValue::Number(12.5).number(0, 1000), None);
        assert_eq!(OptionValue::Text("-1".into()).number(0, 1000), None);
        assert_eq!(OptionValue::Text("1001".into()).number(0, 1000), None);
        assert_eq!(OptionValue::Text("".into()).flag(), Some(true));
        assert_eq!(OptionValue::Text("off".into()).flag(), Some(false));
        assert_eq!(OptionValue::Text("maybe".into()).flag(), None);
        assert_eq!(
            field(&OptionValue::Text("required".into())),
            Some(Field::Required)
        );
        assert_eq!(field(&OptionValue::Text("yes".into())), None);
    }
}

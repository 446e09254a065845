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
    /// Follows `prefers-color-scheme`.
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

/// Why the options were refused. Each kind has a stable code for `binhluan:error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// No endpoint was given.
    MissingEndpoint,
    /// The endpoint is not a URL.
    BadEndpoint,
    /// The endpoint is not https (plain http is allowed only for localhost), or is plain
    /// http on an https page.
    InsecureEndpoint,
    /// An option binhluan does not know (a typo would otherwise be silently ignored).
    UnknownOption(String),
    /// A known option with a value it cannot take.
    BadValue(String),
}

impl ConfigError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::MissingEndpoint => "missing-endpoint",
            ConfigError::BadEndpoint => "bad-endpoint",
            ConfigError::InsecureEndpoint => "insecure-endpoint",
            ConfigError::UnknownOption(_) => "unknown-option",
            ConfigError::BadValue(_) => "bad-value",
        }
    }

    /// The option at fault, where there is one.
    pub fn option(&self) -> &str {
        match self {
            ConfigError::UnknownOption(name) | ConfigError::BadValue(name) => name,
            _ => "endpoint",
        }
    }
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
    /// Seconds a request may take, reply included, before it is aborted (and retried).
    pub timeout_s: u32,
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
    pub fn from_js(options: &JsValue, page: &PageContext) -> Result<Config, ConfigError> {
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

    /// Reads the options from `(name, value)` pairs.
    pub fn from_pairs(
        pairs: Vec<(String, OptionValue)>,
        page: &PageContext,
    ) -> Result<Config, ConfigError> {
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
            timeout_s: 15,
        };
        for (name, value) in pairs {
            config
                .set(&name, value, &mut endpoint)
                .map_err(|rejected| match rejected {
                    Rejected::BadValue => ConfigError::BadValue(name),
                    Rejected::Unknown => ConfigError::UnknownOption(name),
                })?;
        }
        let endpoint = endpoint
            .filter(|e| !e.trim().is_empty())
            .ok_or(ConfigError::MissingEndpoint)?;
        config.endpoint = resolve_endpoint(endpoint.trim(), &page.base_uri)?;
        Ok(config)
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
pub fn resolve_endpoint(endpoint: &str, base_uri: &str) -> Result<String, ConfigError> {
    let url =
        web_sys::Url::new_with_base(endpoint, base_uri).map_err(|_| ConfigError::BadEndpoint)?;
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
) -> Result<(), ConfigError> {
    let local =
        matches!(hostname, "localhost" | "127.0.0.1" | "[::1]") || hostname.ends_with(".localhost");
    match protocol {
        "https:" => Ok(()),
        "http:" if local && !page_is_https => Ok(()),
        "http:" => Err(ConfigError::InsecureEndpoint),
        _ => Err(ConfigError::BadEndpoint),
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
            Err(ConfigError::InsecureEndpoint)
        );
        assert_eq!(
            endpoint_allowed("http:", "localhost", true),
            Err(ConfigError::InsecureEndpoint)
        );
        assert_eq!(
            endpoint_allowed("javascript:", "", false),
            Err(ConfigError::BadEndpoint)
        );
        assert_eq!(
            endpoint_allowed("data:", "", true),
            Err(ConfigError::BadEndpoint)
        );
        for scheme in ["ftp:", "ws:", "wss:", "file:", "blob:"] {
            assert_eq!(
                endpoint_allowed(scheme, "example.vn", true),
                Err(ConfigError::BadEndpoint)
            );
        }
        // Cross-scheme: an https page never posts over http, not even to itself.
        assert_eq!(
            endpoint_allowed("http:", "127.0.0.1", true),
            Err(ConfigError::InsecureEndpoint)
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

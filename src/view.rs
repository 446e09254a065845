//! The DOM of one comment box, inside an open shadow root: the only module that builds or
//! changes elements. The skeleton is one constant HTML string with no text in it; every text
//! (labels, comment, names, server messages) goes in afterwards with `textContent`, never as
//! HTML. Styling is one constructed stylesheet, so a strict CSP needs no `'unsafe-inline'`;
//! where constructed stylesheets are missing, the same rules come from `binhluan.css`, the
//! file beside the script, through a `<link>` in the shadow root (no inline style either).

use crate::config::{Config, Field, Theme};
use crate::i18n::{fill, push_number, Text, Texts};
use binhluan_contract::ListedComment;
use binhluan_rules::{DiacriticsVerdict, HintKind, Verdict};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, HtmlInputElement, HtmlTextAreaElement, ShadowRoot, ShadowRootInit,
    ShadowRootMode,
};

thread_local! {
    /// One stylesheet shared by every box of the page.
    static SHEET: Option<web_sys::CssStyleSheet> = web_sys::CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(include_str!("style.css")).is_ok())
        .filter(|_| {
            let prototype = js_sys::Reflect::get(&js_sys::global(), &"ShadowRoot".into())
                .and_then(|class| js_sys::Reflect::get(&class, &"prototype".into()));
            prototype.is_ok_and(|p| js_sys::Reflect::has(&p, &"adoptedStyleSheets".into()) == Ok(true))
        });
}

#[wasm_bindgen]
extern "C" {
    /// `import.meta` of wasm-bindgen's glue, which sits beside `binhluan.css`.
    type ImportMeta;
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// `<link rel=stylesheet>` to the file copy of the stylesheet, for browsers without
/// constructed stylesheets.
fn stylesheet_link(document: &Document) -> Result<Element, JsValue> {
    let href = web_sys::Url::new_with_base("binhluan.css", &IMPORT_META.with(ImportMeta::url))?;
    let link = document.create_element("link")?;
    link.set_attribute("rel", "stylesheet")?;
    link.set_attribute("href", &href.href())?;
    Ok(link)
}

/// The inside of the box: structure and fixed attributes only, parsed by the browser in one
/// call (far fewer bytes than an element-by-element build). It must never hold variable
/// text: the labels and everything the reader or the server wrote are set as text after.
const SKELETON: &str = concat!(
    r#"<form class="form" part="form" novalidate="">"#,
    r#"<div class="who" part="who">"#,
    r#"<label><input class="name" part="name" type="text" autocomplete="name" maxlength="200"></label>"#,
    r#"<label><input class="email" part="email" type="email" autocomplete="email" maxlength="200"></label>"#,
    r#"</div>"#,
    r#"<label class="label" part="label" for="text"></label>"#,
    r#"<textarea class="textarea" part="textarea" id="text" lang="vi" spellcheck="false" rows="5"></textarea>"#,
    // Each rule line says its state in words first (for the textarea's description), then
    // its text; the ✓/✗ glyph is decoration.
    r#"<ul class="rules" part="rules" id="rules">"#,
    r#"<li data-rule="words" data-state="todo" id="rule-words"><i></i><span></span></li>"#,
    r#"<li data-rule="diacritics" data-state="todo" id="rule-diacritics"><i></i><span></span></li>"#,
    r#"<li data-rule="links" data-state="todo" id="rule-links"><i></i><span></span></li>"#,
    r#"<li data-rule="length" data-state="todo" id="rule-length" hidden=""><i></i><span></span></li>"#,
    r#"</ul>"#,
    r#"<div class="marks" part="marks" id="marks" hidden=""></div>"#,
    r#"<div class="hint" part="hint" id="hint" hidden=""><span id="hint-text"></span>"#,
    r#"<button class="convert" part="convert" type="button"></button>"#,
    r#"<button class="undo" part="undo" type="button" hidden=""></button></div>"#,
    // A field people never see or reach, hidden without any stylesheet; bots fill it.
    r#"<div class="trap" hidden="" aria-hidden="true"><input name="website" tabindex="-1" autocomplete="off"></div>"#,
    r#"<div class="actions" part="actions"><button class="submit" part="submit" type="submit"></button></div>"#,
    r#"<p class="status" part="status" role="status" aria-live="polite"></p>"#,
    r#"</form>"#,
    r#"<section class="list" part="list"><h3></h3><ol tabindex="-1"></ol><p hidden=""></p>"#,
    r#"<button class="more" part="more" type="button" hidden=""></button></section>"#,
);

/// The fixed texts of the skeleton: where each goes.
const LABELS: [(&str, Text); 9] = [
    ("[part=label]", Text::Label),
    ("[data-rule=diacritics] span", Text::RuleDiacritics),
    ("[data-rule=links] span", Text::RuleLinks),
    ("[part=convert]", Text::Convert),
    ("[part=undo]", Text::Undo),
    ("[part=submit]", Text::Submit),
    ("h3", Text::ListHeading),
    ("section p", Text::ListEmpty),
    ("[part=more]", Text::ListMore),
];

/// How a rule line looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleState {
    /// Not met yet, nothing to reproach (the reader is still typing).
    Todo,
    /// Met.
    Ok,
    /// Broken.
    Fail,
}

impl RuleState {
    fn code(self) -> &'static str {
        match self {
            RuleState::Todo => "todo",
            RuleState::Ok => "ok",
            RuleState::Fail => "fail",
        }
    }
}

/// What the status line says: its kind sets the colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    /// Neutral information.
    Info,
    /// Success.
    Ok,
    /// A problem.
    Error,
}

/// The elements of one box.
pub struct View {
    /// The box's element in the shadow root: all of the box's DOM.
    boxed: Element,
    document: Document,
    texts: Texts,
    /// The comment field.
    pub textarea: HtmlTextAreaElement,
    /// The name field, when shown.
    pub name: Option<HtmlInputElement>,
    /// The e-mail field, when shown.
    pub email: Option<HtmlInputElement>,
    /// The honeypot field, hidden from people.
    pub trap: HtmlInputElement,
    /// The form.
    pub form: Element,
    /// The submit button.
    pub submit: Element,
    rule_words: Element,
    rule_diacritics: Element,
    rule_links: Element,
    rule_length: Element,
    /// The list of words the rules point at; each is a button that selects its word.
    pub marks: Element,
    /// How many mark buttons `marks` holds.
    marks_shown: Cell<usize>,
    hint: Element,
    hint_text: Element,
    /// Applies the rules' suggested conversion.
    pub convert: Element,
    /// Takes the conversion back.
    pub undo: Element,
    status: Element,
    /// The published comments, when listed.
    pub list: Option<CommentList>,
}

/// The list of published comments under the box.
pub struct CommentList {
    items: Element,
    empty: Element,
    /// Loads the next page.
    pub more: Element,
}

impl View {
    /// Builds the box in `host`'s shadow root (replacing anything there).
    pub fn build(host: &Element, config: &Config) -> Result<View, JsValue> {
        let root = shadow_root(host)?;
        let document = host.owner_document().ok_or("no document")?;
        let link = SHEET.with(|sheet| match sheet {
            Some(sheet) => {
                root.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
                Ok(None)
            }
            None => stylesheet_link(&document).map(Some),
        })?;
        let texts = config.texts.clone();
        let boxed = document.create_element("div")?;
        let theme = match config.theme {
            Theme::Auto => page_theme(host),
            forced => forced,
        };
        for (name, value) in [
            ("class", "box"),
            ("part", "box"),
            ("data-theme", theme.code()),
        ] {
            let _ = boxed.set_attribute(name, value);
        }
        // A constant: no reader's, site's or server's text ever goes through HTML parsing.
        boxed.set_inner_html(SKELETON);
        let find = |selector: &str| part(&boxed, selector);
        for (selector, key) in LABELS {
            find(selector).set_text_content(Some(texts.get(key)));
        }
        for (selector, name, key) in [
            ("textarea", "placeholder", Text::Placeholder),
            ("ul", "aria-label", Text::RulesHeading),
        ] {
            let _ = find(selector).set_attribute(name, texts.get(key));
        }

        // Both labels are found before either is removed.
        let fields = [
            (find("label"), config.name_field, Text::Name),
            (find("label+label"), config.email_field, Text::Email),
        ];
        let [name, email] = fields.map(|(label, field, key)| {
            if field == Field::Off {
                label.remove();
                return None;
            }
            let input = part(&label, "input");
            let mut caption = texts.get(key).to_owned();
            if field == Field::Required {
                let _ = input.set_attribute("required", "");
            } else {
                caption.push_str(texts.get(Text::Optional));
            }
            let _ = label.insert_adjacent_text("afterbegin", &caption);
            Some(input.unchecked_into::<HtmlInputElement>())
        });
        if name.is_none() && email.is_none() {
            find(".who").remove();
        }

        let list = config.list.then(|| CommentList {
            items: find("ol"),
            empty: find("section p"),
            more: find("[part=more]"),
        });
        if list.is_none() {
            find("section").remove();
        }
        match link {
            Some(link) => root.replace_children_with_node_2(&link, &boxed),
            None => root.replace_children_with_node_1(&boxed),
        }
        Ok(View {
            textarea: find("textarea").unchecked_into(),
            name,
            email,
            trap: find("[name=website]").unchecked_into(),
            form: find("form"),
            submit: find("[part=submit]"),
            rule_words: find("[data-rule=words]"),
            rule_diacritics: find("[data-rule=diacritics]"),
            rule_links: find("[data-rule=links]"),
            rule_length: find("[data-rule=length]"),
            marks: find("#marks"),
            marks_shown: Cell::new(0),
            hint: find("#hint"),
            hint_text: find("#hint span"),
            convert: find("[part=convert]"),
            undo: find("[part=undo]"),
            status: find("[role=status]"),
            list,
            boxed,
            document,
            texts,
        })
    }

    /// A box that cannot work (bad configuration): just the message.
    pub fn broken(host: &Element, message: &str) -> Result<(), JsValue> {
        let root = shadow_root(host)?;
        let p = host
            .owner_document()
            .ok_or("no document")?
            .create_element("p")?;
        p.set_attribute("role", "alert")?;
        p.set_attribute("part", "error")?;
        p.set_text_content(Some(message));
        root.replace_children_with_node_1(&p);
        Ok(())
    }

    /// Whether `element` is part of this box.
    pub fn contains(&self, element: &Element) -> bool {
        self.boxed.contains(Some(element))
    }

    /// The box's texts.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// Shows `verdict`. With `reveal` false, a rule that is not already shown as broken is
    /// shown as still to do, and the marked words only shrink: no new error appears while
    /// the reader is in the middle of typing a word. Too few words is not an error until
    /// the reader `insisted` (tried to post, or left the box): an unfinished comment is just
    /// unfinished, and its count stays neutral.
    pub fn show_verdict(&self, verdict: &Verdict, reveal: bool, insisted: bool) {
        let texts = &self.texts;
        let state = |met: bool, broken: bool, line: &Element| {
            let was_failing = line.get_attribute("data-state").as_deref() == Some("fail");
            let state = if met {
                RuleState::Ok
            } else if broken && (reveal || was_failing) {
                RuleState::Fail
            } else {
                RuleState::Todo
            };
            let _ = line.set_attribute("data-state", state.code());
            let said = if met { Text::RuleMet } else { Text::RuleNotMet };
            set_text(&part(line, "i"), texts.get(said));
        };

        let missing = verdict.min_words.saturating_sub(verdict.words);
        let mut words = fill(self.texts.get(Text::RuleWords), 0, verdict.min_words);
        if missing > 0 {
            words.push_str(&fill(self.texts.get(Text::WordsMissing), missing, 0));
        }
        set_text(&part(&self.rule_words, "span"), &words);
        let typed = verdict.length > 0;
        state(missing == 0, typed && insisted, &self.rule_words);

        // Undetermined text (too little Vietnamese to judge) is unfinished while the reader
        // types, and a failure once they try to post it: the rule still refuses it.
        let diacritics = verdict.diacritics.verdict;
        state(
            diacritics == DiacriticsVerdict::CoDau,
            match diacritics {
                DiacriticsVerdict::KhongDau | DiacriticsVerdict::ThieuDau => true,
                DiacriticsVerdict::Undetermined => typed && insisted,
                DiacriticsVerdict::CoDau => false,
            },
            &self.rule_diacritics,
        );
        state(
            typed && verdict.links.is_empty(),
            !verdict.links.is_empty(),
            &self.rule_links,
        );

        // The length line appears near the limit (80 %).
        let near = verdict.length.saturating_mul(5) >= verdict.max_length.saturating_mul(4);
        set_hidden(&self.rule_length, !near);
        if near {
            set_text(
                &part(&self.rule_length, "span"),
                &fill(
                    self.texts.get(Text::Length),
                    verdict.length,
                    verdict.max_length,
                ),
            );
            state(
                verdict.length <= verdict.max_length,
                true,
                &self.rule_length,
            );
        }

        let marks = verdict.suspects.len() + verdict.links.len();
        if reveal || marks <= self.marks_shown.get() {
            self.show_marks(verdict);
        }
        self.show_hint(verdict);
        self.describe_textarea();
    }

    /// Points the textarea's description at what is on screen now: the rule lines (each
    /// starting with its state in words), the marked words and the hint's text, never an
    /// element that is hidden (a screen reader would read it all the same).
    fn describe_textarea(&self) {
        let mut ids = String::from("rule-words rule-diacritics rule-links");
        for (element, id) in [
            (&self.rule_length, " rule-length"),
            (&self.marks, " marks"),
            (&self.hint, " hint-text"),
        ] {
            if !element.has_attribute("hidden") {
                ids.push_str(id);
            }
        }
        if self.textarea.get_attribute("aria-describedby").as_deref() != Some(ids.as_str()) {
            let _ = self.textarea.set_attribute("aria-describedby", &ids);
        }
    }

    fn show_marks(&self, verdict: &Verdict) {
        let links = verdict
            .links
            .iter()
            .map(|l| (l.start, l.end, l.text.as_str()));
        let suspects = verdict
            .suspects
            .iter()
            .map(|s| (s.start, s.end, s.text.as_str()));
        let groups = [
            (Text::Links, links.collect::<Vec<_>>()),
            (Text::Suspects, suspects.collect()),
        ];
        // Rebuild only on change: a click on a mark blurs the textarea, which shows the
        // verdict again, and replacing the button under the pointer would lose the click.
        let mut key = String::new();
        for (_, spans) in &groups {
            for (start, end, text) in spans {
                push_number(&mut key, *start);
                key.push('-');
                push_number(&mut key, *end);
                key.push(' ');
                key.push_str(text);
                key.push('\n');
            }
            key.push('|');
        }
        if self.marks.get_attribute("data-key").as_deref() == Some(key.as_str()) {
            return;
        }
        let _ = self.marks.set_attribute("data-key", &key);
        self.marks.replace_children_with_node_0();
        self.marks_shown
            .set(groups.iter().map(|(_, spans)| spans.len()).sum());
        for (caption, spans) in groups {
            if spans.is_empty() {
                continue;
            }
            let Ok(label) = self.document.create_element("span") else {
                continue;
            };
            label.set_text_content(Some(self.texts.get(caption)));
            let _ = self.marks.append_child(&label);
            for (start, end, text) in spans {
                let Ok(button) = self.document.create_element("button") else {
                    continue;
                };
                let _ = button.set_attribute("type", "button");
                let _ = button.set_attribute("part", "mark");
                let mut at = String::new();
                push_number(&mut at, start);
                let _ = button.set_attribute("data-start", &at);
                at.clear();
                push_number(&mut at, end);
                let _ = button.set_attribute("data-end", &at);
                button.set_text_content(Some(text));
                let _ = self.marks.append_child(&button);
            }
        }
        set_hidden(&self.marks, self.marks_shown.get() == 0);
    }

    fn show_hint(&self, verdict: &Verdict) {
        let hint = verdict
            .hints
            .iter()
            .find(|h| h.kind != HintKind::Spam && !h.suggestion.is_empty());
        let undoing = self.undo.get_attribute("hidden").is_none();
        match hint {
            Some(hint) => {
                let key = match hint.kind {
                    HintKind::Tcvn3 | HintKind::VniWindows => Text::HintOldFont,
                    _ => Text::HintKeyboard,
                };
                set_text(&self.hint_text, self.texts.get(key));
                set_hidden(&self.convert, false);
                set_hidden(&self.hint, false);
            }
            None if undoing => {
                set_text(&self.hint_text, self.texts.get(Text::Converted));
                set_hidden(&self.convert, true);
                set_hidden(&self.hint, false);
            }
            None => {
                set_hidden(&self.hint, true);
            }
        }
    }

    /// Shows or hides the undo button of a conversion.
    pub fn show_undo(&self, shown: bool) {
        set_hidden(&self.undo, !shown);
    }

    /// Marks the comment field invalid (after a refused submit) or valid.
    pub fn set_invalid(&self, invalid: bool) {
        let _ = self
            .textarea
            .set_attribute("aria-invalid", if invalid { "true" } else { "false" });
    }

    /// Says `message` in the status line (a polite live region).
    pub fn status(&self, message: &str, kind: StatusKind) {
        let code = match kind {
            StatusKind::Info => "info",
            StatusKind::Ok => "ok",
            StatusKind::Error => "error",
        };
        let _ = self.status.set_attribute("data-kind", code);
        set_text(&self.status, message);
    }

    /// The button while posting: disabled, with progress text.
    pub fn set_posting(&self, posting: bool) {
        let _ = self.submit.toggle_attribute_with_force("disabled", posting);
        let _ = self
            .form
            .set_attribute("aria-busy", if posting { "true" } else { "false" });
        let key = if posting { Text::Posting } else { Text::Submit };
        set_text(&self.submit, self.texts.get(key));
    }

    /// The article takes no more comments: the form is disabled (the reader's text stays in
    /// it, readable) and the status line says so.
    pub fn close(&self) {
        let _ = self.submit.toggle_attribute_with_force("disabled", true);
        let _ = self.textarea.toggle_attribute_with_force("readonly", true);
        self.status(self.texts.get(Text::Closed), StatusKind::Info);
    }

    /// Appends published comments to the list; `more` says whether another page exists.
    pub fn add_comments(&self, comments: &[ListedComment], more: bool) {
        let Some(list) = &self.list else { return };
        let dates = Dates::new(self.texts.locale());
        for comment in comments {
            let (Ok(li), Ok(meta), Ok(body)) = (
                self.document.create_element("li"),
                self.document.create_element("p"),
                self.document.create_element("div"),
            ) else {
                continue;
            };
            let _ = meta.set_attribute("class", "meta");
            let name = if comment.name.trim().is_empty() {
                self.texts.get(Text::Anonymous)
            } else {
                &comment.name
            };
            meta.set_text_content(Some(name));
            if let Some(shown) = dates.show(&comment.created_at) {
                if let Ok(time) = self.document.create_element("time") {
                    let _ = time.set_attribute("datetime", &comment.created_at);
                    let _ = time.set_attribute("title", &shown.exact);
                    time.set_text_content(Some(&shown.text));
                    let _ = meta.append_with_str_1(" · ");
                    let _ = meta.append_with_node_1(&time);
                }
            }
            body.set_text_content(Some(&comment.content));
            let _ = li.set_attribute("part", "comment");
            let _ = li.append_child(&meta);
            let _ = li.append_child(&body);
            let _ = list.items.append_child(&li);
        }
        let empty = list.items.first_child().is_none();
        set_hidden(&list.empty, !empty);
        // The last page: the button the reader just pressed goes away, and focus must not
        // fall to the page's <body>; it goes to the list they were reading.
        let had_focus = !more && list.more.matches(":focus").unwrap_or(false);
        set_hidden(&list.more, !more);
        if had_focus {
            if let Some(items) = list.items.dyn_ref::<web_sys::HtmlElement>() {
                let _ = items.focus();
            }
        }
    }

    /// Takes the box out of the page. Only its own element: another box may have been mounted
    /// into the same host since.
    pub fn remove(&self) {
        self.boxed.remove();
    }

    /// Empties the list (before reloading it from the first page).
    pub fn clear_comments(&self) {
        if let Some(list) = &self.list {
            list.items.replace_children_with_node_0();
        }
    }
}

impl Drop for View {
    fn drop(&mut self) {
        self.remove();
    }
}

#[wasm_bindgen]
extern "C" {
    /// `querySelector` for a part of the constant skeleton, which is always there: no
    /// `Option` to unwrap (each fallible lookup's error path costs more bytes than the lookup).
    #[wasm_bindgen(js_namespace = ["Element", "prototype", "querySelector"], js_name = call)]
    fn part(scope: &Element, selector: &str) -> Element;
}

/// A listed comment's time as the reader sees it.
struct ShownDate {
    /// Relative when recent ("5 phút trước"), else the local time ("03:41 05/12/2026").
    text: String,
    /// Always the local time.
    exact: String,
}

/// Shows comment times in the reader's time zone, recent ones relative (the platform's
/// `Intl.RelativeTimeFormat`, so no date library weighs on the wasm).
struct Dates {
    now_ms: f64,
    relative: js_sys::Intl::RelativeTimeFormat,
}

impl Dates {
    fn new(locale: &str) -> Dates {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
        Dates {
            now_ms: js_sys::Date::now(),
            relative: js_sys::Intl::RelativeTimeFormat::new(
                &js_sys::Array::of1(&locale.into()),
                &options,
            ),
        }
    }

    /// `created_at` (RFC 3339) as shown, or None when it is not a time.
    fn show(&self, created_at: &str) -> Option<ShownDate> {
        let date = js_sys::Date::new(&created_at.into());
        let at = date.get_time();
        if at.is_nan() {
            return None;
        }
        let exact = local_time(&date);
        // A clock a little ahead of the server's must not say "in 1 minute".
        let ago_s = ((self.now_ms - at) / 1000.0).max(0.0);
        let (amount, unit) = match ago_s {
            s if s < 60.0 => (0.0, "second"),
            s if s < 3600.0 => ((s / 60.0).floor(), "minute"),
            s if s < 86_400.0 => ((s / 3600.0).floor(), "hour"),
            _ => {
                return Some(ShownDate {
                    text: exact.clone(),
                    exact,
                })
            }
        };
        let text = String::from(self.relative.format(-amount, unit));
        Some(ShownDate { text, exact })
    }
}

/// "03:41 05/12/2026" in the reader's time zone, as Vietnamese news sites write a dateline.
fn local_time(date: &js_sys::Date) -> String {
    let mut out = String::with_capacity(16);
    let two = |out: &mut String, n: u32| {
        if n < 10 {
            out.push('0');
        }
        push_number(out, n);
    };
    two(&mut out, date.get_hours());
    out.push(':');
    two(&mut out, date.get_minutes());
    out.push(' ');
    two(&mut out, date.get_date());
    out.push('/');
    two(&mut out, date.get_month() + 1);
    out.push('/');
    push_number(&mut out, date.get_full_year());
    out
}

/// The theme that suits the page behind `host`: dark when the first opaque background
/// colour from `host` up is dark, else light.
fn page_theme(host: &Element) -> Theme {
    let Some(window) = web_sys::window() else {
        return Theme::Light;
    };
    let mut at = Some(host.clone());
    while let Some(element) = at {
        let colour = window
            .get_computed_style(&element)
            .ok()
            .flatten()
            .and_then(|style| style.get_property_value("background-color").ok())
            .unwrap_or_default();
        if let Some(Colour {
            r,
            g,
            b,
            opaque: true,
        }) = rgba(&colour)
        {
            // Relative luminance, roughly (sRGB weights without the gamma curve).
            let light = 2126 * u32::from(r) + 7152 * u32::from(g) + 722 * u32::from(b);
            return if light < 128 * 10_000 {
                Theme::Dark
            } else {
                Theme::Light
            };
        }
        at = element.parent_element();
    }
    Theme::Light
}

/// A computed background colour.
struct Colour {
    r: u8,
    g: u8,
    b: u8,
    /// Alpha at least one half: the page's colour shows through no more than the colour.
    opaque: bool,
}

/// A computed `rgb(r, g, b)` or `rgba(r, g, b, a)` colour. Whole numbers only, read without
/// float parsing (which would weigh kilobytes in the wasm): channels are whole in computed
/// colours, and alpha only has to be told from "mostly transparent".
fn rgba(colour: &str) -> Option<Colour> {
    let inner = colour.split_once('(')?.1.strip_suffix(')')?;
    let mut parts = inner.split([',', '/', ' ']).filter(|p| !p.is_empty());
    let mut channel = || parts.next()?.parse::<u8>().ok();
    let (r, g, b) = (channel()?, channel()?, channel()?);
    let opaque = match parts.next() {
        None => true,
        Some(alpha) => {
            alpha == "1"
                || alpha.starts_with("0.") && alpha.as_bytes().get(2).is_some_and(|d| *d >= b'5')
        }
    };
    Some(Colour { r, g, b, opaque })
}

/// Shows or hides an element (the `hidden` attribute).
fn set_hidden(element: &Element, hidden: bool) {
    let _ = element.toggle_attribute_with_force("hidden", hidden);
}

/// `host`'s open shadow root, attached on first use.
fn shadow_root(host: &Element) -> Result<ShadowRoot, JsValue> {
    match host.shadow_root() {
        Some(root) => Ok(root),
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    }
}

/// Sets an element's text, touching the DOM only when it changes.
fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

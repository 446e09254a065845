//! The DOM of one comment box, inside an open shadow root: the only module that builds or
//! changes elements. The skeleton is one constant HTML string with no text in it; every text
//! (labels, comment, names, server messages) goes in afterwards with `textContent`, never as
//! HTML. Styling is one constructed stylesheet, so a strict CSP needs no `'unsafe-inline'`;
//! where constructed stylesheets are missing, the same rules come from `binhluan.css`, the
//! file beside the script, through a `<link>` in the shadow root (no inline style either).

use crate::config::{Config, Field};
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
    r#"<textarea class="textarea" part="textarea" id="text" aria-describedby="rules marks hint" lang="vi" spellcheck="false" rows="5"></textarea>"#,
    r#"<ul class="rules" part="rules" id="rules">"#,
    r#"<li data-rule="words" data-state="todo"></li>"#,
    r#"<li data-rule="diacritics" data-state="todo"></li>"#,
    r#"<li data-rule="links" data-state="todo"></li>"#,
    r#"<li data-rule="length" data-state="todo" hidden=""></li>"#,
    r#"</ul>"#,
    r#"<div class="marks" part="marks" id="marks" hidden=""></div>"#,
    r#"<div class="hint" part="hint" id="hint" hidden=""><span></span>"#,
    r#"<button class="convert" part="convert" type="button"></button>"#,
    r#"<button class="undo" part="undo" type="button" hidden=""></button></div>"#,
    // A field people never see or reach, hidden without any stylesheet; bots fill it.
    r#"<div class="trap" hidden="" aria-hidden="true"><input name="website" tabindex="-1" autocomplete="off"></div>"#,
    r#"<div class="actions" part="actions"><button class="submit" part="submit" type="submit"></button></div>"#,
    r#"<p class="status" part="status" role="status" aria-live="polite"></p>"#,
    r#"</form>"#,
    r#"<section class="list" part="list"><h3></h3><ol></ol><p hidden=""></p>"#,
    r#"<button class="more" part="more" type="button" hidden=""></button></section>"#,
);

/// The fixed texts of the skeleton: where each goes.
const LABELS: [(&str, Text); 9] = [
    ("[part=label]", Text::Label),
    ("[data-rule=diacritics]", Text::RuleDiacritics),
    ("[data-rule=links]", Text::RuleLinks),
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
        for (name, value) in [
            ("class", "box"),
            ("part", "box"),
            ("data-theme", config.theme.code()),
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

    /// The box's texts.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// Shows `verdict`. With `reveal` false, a rule that is not already shown as broken is
    /// shown as still to do, and the marked words only shrink: no new error appears while
    /// the reader is in the middle of typing a word.
    pub fn show_verdict(&self, verdict: &Verdict, reveal: bool) {
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
        };

        let missing = verdict.min_words.saturating_sub(verdict.words);
        let mut words = fill(self.texts.get(Text::RuleWords), 0, verdict.min_words);
        if missing > 0 {
            words.push_str(&fill(self.texts.get(Text::WordsMissing), missing, 0));
        }
        set_text(&self.rule_words, &words);
        let typed = verdict.length > 0;
        state(missing == 0, typed, &self.rule_words);

        let diacritics = verdict.diacritics.verdict;
        state(
            diacritics == DiacriticsVerdict::CoDau,
            matches!(
                diacritics,
                DiacriticsVerdict::KhongDau | DiacriticsVerdict::ThieuDau
            ),
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
                &self.rule_length,
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

    /// Appends published comments to the list; `more` says whether another page exists.
    pub fn add_comments(&self, comments: &[ListedComment], more: bool) {
        let Some(list) = &self.list else { return };
        for comment in comments {
            let (Ok(li), Ok(meta), Ok(body)) = (
                self.document.create_element("li"),
                self.document.create_element("p"),
                self.document.create_element("div"),
            ) else {
                continue;
            };
            let _ = meta.set_attribute("class", "meta");
            let mut line = if comment.name.trim().is_empty() {
                self.texts.get(Text::Anonymous).to_owned()
            } else {
                comment.name.clone()
            };
            if !comment.created_at.is_empty() {
                line.push_str(" · ");
                line.push_str(&shown_date(&comment.created_at));
            }
            meta.set_text_content(Some(&line));
            body.set_text_content(Some(&comment.content));
            let _ = li.set_attribute("part", "comment");
            let _ = li.append_child(&meta);
            let _ = li.append_child(&body);
            let _ = list.items.append_child(&li);
        }
        let empty = list.items.first_child().is_none();
        set_hidden(&list.empty, !empty);
        set_hidden(&list.more, !more);
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

/// A listed comment's date as shown: "2026-11-27T21:40:00Z" -> "2026-11-27 21:40".
fn shown_date(created_at: &str) -> String {
    created_at
        .chars()
        .take(16)
        .collect::<String>()
        .replacen('T', " ", 1)
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

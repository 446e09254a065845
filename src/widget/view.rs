//! The DOM of one comment box, inside an open shadow root: the only module that builds or
//! changes elements. Every text (comment, names, server messages) goes in with
//! `textContent`, never as HTML. Styling is one constructed stylesheet, so a strict CSP needs
//! no `'unsafe-inline'`.

use super::config::{Config, Field};
use super::i18n::{fill, push_number, Text, Texts};
use crate::rules::{DiacriticsVerdict, HintKind, Verdict};
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlInputElement, HtmlTextAreaElement, ShadowRoot,
    ShadowRootInit, ShadowRootMode,
};

thread_local! {
    /// One stylesheet shared by every box of the page.
    static SHEET: Option<web_sys::CssStyleSheet> = web_sys::CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(include_str!("style.css")).is_ok());
}

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
    root: ShadowRoot,
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
    pub submit: HtmlButtonElement,
    rule_words: Element,
    rule_diacritics: Element,
    rule_links: Element,
    rule_length: Element,
    /// The list of words the rules point at; each is a button that selects its word.
    pub marks: Element,
    hint: Element,
    hint_text: Element,
    /// Applies the rules' suggested conversion.
    pub convert: HtmlButtonElement,
    /// Takes the conversion back.
    pub undo: HtmlButtonElement,
    status: Element,
    /// The published comments, when listed.
    pub list: Option<CommentList>,
}

/// The list of published comments under the box.
pub struct CommentList {
    items: Element,
    empty: Element,
    /// Loads the next page.
    pub more: HtmlButtonElement,
}

impl View {
    /// Builds the box in `host`'s shadow root (replacing anything there).
    pub fn build(host: &Element, config: &Config) -> Result<View, JsValue> {
        let document = host.owner_document().ok_or("no document")?;
        let root = match host.shadow_root() {
            Some(root) => root,
            None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
        };
        SHEET.with(|sheet| {
            if let Some(sheet) = sheet {
                root.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
            }
        });
        let texts = config.texts.clone();
        let el = |tag: &str, class: &str| -> Result<Element, JsValue> {
            let e = document.create_element(tag)?;
            if !class.is_empty() {
                e.set_attribute("class", class)?;
                e.set_attribute("part", class)?;
            }
            Ok(e)
        };
        let text = |key: Text| texts.get(key).to_owned();

        let boxed = el("div", "box")?;
        boxed.set_attribute("data-theme", config.theme.code())?;
        let form = el("form", "form")?;
        form.set_attribute("novalidate", "")?;
        let status = el("p", "status")?;
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;

        let who = el("div", "who")?;
        let labelled_input = |key: Text,
                              kind: &str,
                              field: Field,
                              autocomplete: &str|
         -> Result<Option<HtmlInputElement>, JsValue> {
            if field == Field::Off {
                return Ok(None);
            }
            let label = el("label", "")?;
            let mut caption = text(key);
            if field == Field::Optional {
                caption.push_str(texts.get(Text::Optional));
            }
            label.set_text_content(Some(&caption));
            let input: HtmlInputElement = el("input", kind)?.dyn_into()?;
            input.set_type(if kind == "email" { "email" } else { "text" });
            input.set_attribute("autocomplete", autocomplete)?;
            input.set_required(field == Field::Required);
            input.set_max_length(200);
            label.append_child(&input)?;
            who.append_child(&label)?;
            Ok(Some(input))
        };
        let name = labelled_input(Text::Name, "name", config.name_field, "name")?;
        let email = labelled_input(Text::Email, "email", config.email_field, "email")?;

        let label = el("label", "label")?;
        label.set_attribute("for", "text")?;
        label.set_text_content(Some(texts.get(Text::Label)));
        let textarea: HtmlTextAreaElement = el("textarea", "textarea")?.dyn_into()?;
        textarea.set_id("text");
        textarea.set_attribute("aria-describedby", "rules marks hint")?;
        textarea.set_attribute("lang", "vi")?;
        textarea.set_attribute("spellcheck", "false")?;
        textarea.set_placeholder(texts.get(Text::Placeholder));
        textarea.set_rows(5);

        let rules = el("ul", "rules")?;
        rules.set_id("rules");
        rules.set_attribute("aria-label", texts.get(Text::RulesHeading))?;
        let rule = |name: &str| -> Result<Element, JsValue> {
            let li = el("li", "")?;
            li.set_attribute("data-rule", name)?;
            li.set_attribute("data-state", "todo")?;
            rules.append_child(&li)?;
            Ok(li)
        };
        let rule_words = rule("words")?;
        let rule_diacritics = rule("diacritics")?;
        rule_diacritics.set_text_content(Some(texts.get(Text::RuleDiacritics)));
        let rule_links = rule("links")?;
        rule_links.set_text_content(Some(texts.get(Text::RuleLinks)));
        let rule_length = rule("length")?;
        rule_length.set_attribute("hidden", "")?;

        let marks = el("div", "marks")?;
        marks.set_id("marks");
        marks.set_attribute("hidden", "")?;

        let hint = el("div", "hint")?;
        hint.set_id("hint");
        hint.set_attribute("hidden", "")?;
        let hint_text = el("span", "")?;
        let convert: HtmlButtonElement = el("button", "convert")?.dyn_into()?;
        convert.set_type("button");
        convert.set_text_content(Some(texts.get(Text::Convert)));
        let undo: HtmlButtonElement = el("button", "undo")?.dyn_into()?;
        undo.set_type("button");
        undo.set_text_content(Some(texts.get(Text::Undo)));
        undo.set_hidden(true);
        for child in [&hint_text, convert.as_ref(), undo.as_ref()] {
            hint.append_child(child)?;
        }

        // A field people never see or reach; bots fill it.
        let trap_box = el("div", "")?;
        trap_box.set_attribute("class", "trap")?;
        trap_box.set_attribute("aria-hidden", "true")?;
        let trap: HtmlInputElement = el("input", "")?.dyn_into()?;
        trap.set_name("website");
        trap.set_tab_index(-1);
        trap.set_attribute("autocomplete", "off")?;
        trap_box.append_child(&trap)?;

        let actions = el("div", "actions")?;
        let submit: HtmlButtonElement = el("button", "submit")?.dyn_into()?;
        submit.set_type("submit");
        submit.set_text_content(Some(texts.get(Text::Submit)));
        actions.append_child(&submit)?;

        if name.is_some() || email.is_some() {
            form.append_child(&who)?;
        }
        for child in [
            &label,
            textarea.as_ref(),
            &rules,
            &marks,
            &hint,
            &trap_box,
            &actions,
            &status,
        ] {
            form.append_child(child)?;
        }
        boxed.append_child(&form)?;

        let list = if config.list {
            let section = el("section", "list")?;
            let heading = el("h3", "")?;
            heading.set_text_content(Some(texts.get(Text::ListHeading)));
            let items = el("ol", "")?;
            let empty = el("p", "")?;
            empty.set_text_content(Some(texts.get(Text::ListEmpty)));
            empty.set_attribute("hidden", "")?;
            let more: HtmlButtonElement = el("button", "more")?.dyn_into()?;
            more.set_type("button");
            more.set_text_content(Some(texts.get(Text::ListMore)));
            more.set_hidden(true);
            for child in [&heading, &items, &empty, more.as_ref()] {
                section.append_child(child)?;
            }
            boxed.append_child(&section)?;
            Some(CommentList { items, empty, more })
        } else {
            None
        };
        root.replace_children_with_node_1(&boxed);

        Ok(View {
            root,
            document,
            texts,
            textarea,
            name,
            email,
            trap,
            form,
            submit,
            rule_words,
            rule_diacritics,
            rule_links,
            rule_length,
            marks,
            hint,
            hint_text,
            convert,
            undo,
            status,
            list,
        })
    }

    /// A box that cannot work (bad configuration): just the message.
    pub fn broken(host: &Element, message: &str) -> Result<(), JsValue> {
        let root = match host.shadow_root() {
            Some(root) => root,
            None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
        };
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
        self.rule_length
            .toggle_attribute_with_force("hidden", !near)
            .ok();
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

        let shown = self
            .marks
            .query_selector_all("button")
            .map(|l| l.length())
            .unwrap_or(0);
        let marks = verdict.suspects.len() + verdict.links.len();
        if reveal || marks as u32 <= shown {
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
        let empty = self.marks.first_child().is_none();
        self.marks.toggle_attribute_with_force("hidden", empty).ok();
    }

    fn show_hint(&self, verdict: &Verdict) {
        let hint = verdict
            .hints
            .iter()
            .find(|h| h.kind != HintKind::Spam && !h.suggestion.is_empty());
        let undoing = !self.undo.hidden();
        match hint {
            Some(hint) => {
                let key = match hint.kind {
                    HintKind::Tcvn3 | HintKind::VniWindows => Text::HintOldFont,
                    _ => Text::HintKeyboard,
                };
                set_text(&self.hint_text, self.texts.get(key));
                self.convert.set_hidden(false);
                self.hint.toggle_attribute_with_force("hidden", false).ok();
            }
            None if undoing => {
                set_text(&self.hint_text, self.texts.get(Text::Converted));
                self.convert.set_hidden(true);
                self.hint.toggle_attribute_with_force("hidden", false).ok();
            }
            None => {
                self.hint.toggle_attribute_with_force("hidden", true).ok();
            }
        }
    }

    /// Shows or hides the undo button of a conversion.
    pub fn show_undo(&self, shown: bool) {
        self.undo.set_hidden(!shown);
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
        self.submit.set_disabled(posting);
        let _ = self
            .form
            .set_attribute("aria-busy", if posting { "true" } else { "false" });
        let key = if posting { Text::Posting } else { Text::Submit };
        set_text(&self.submit, self.texts.get(key));
    }

    /// Appends published comments to the list; `more` says whether another page exists.
    pub fn add_comments(&self, comments: &[(String, String, String)], more: bool) {
        let Some(list) = &self.list else { return };
        for (name, date, content) in comments {
            let (Ok(li), Ok(meta), Ok(body)) = (
                self.document.create_element("li"),
                self.document.create_element("p"),
                self.document.create_element("div"),
            ) else {
                continue;
            };
            let _ = meta.set_attribute("class", "meta");
            let mut line = if name.trim().is_empty() {
                self.texts.get(Text::Anonymous).to_owned()
            } else {
                name.clone()
            };
            if !date.is_empty() {
                line.push_str(" · ");
                line.push_str(date);
            }
            meta.set_text_content(Some(&line));
            body.set_text_content(Some(content));
            let _ = li.set_attribute("part", "comment");
            let _ = li.append_child(&meta);
            let _ = li.append_child(&body);
            let _ = list.items.append_child(&li);
        }
        let empty = list.items.first_child().is_none();
        list.empty
            .toggle_attribute_with_force("hidden", !empty)
            .ok();
        list.more.set_hidden(!more);
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
        self.root.replace_children_with_node_0();
    }
}

/// Sets an element's text, touching the DOM only when it changes.
fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

//! One mounted box: wires the reader's events to the rules, the view, the draft and posting.
//!
//! IME safety: the verdict is computed on every `input` (cheap), but a new error is shown
//! only when the reader pauses (150 ms without input), at `compositionend`, on `blur` and
//! on submit — never in the middle of a composition, so Unikey's backspace-and-retype or
//! GBoard's composing word does not flash errors. Nothing writes into the textarea while the
//! reader types: only the conversion button (with undo), a restored draft, a draft from
//! another tab while this box is not focused, and clearing after the server accepted.
//!
//! Destroying the box removes its DOM, its listeners and its pending reveal at once, and it
//! tells the page nothing more. A post already under way is finished (the comment may be
//! stored by then), so that its draft is cleared once the server accepted it.
//!
//! The status line describes the present: a "fix it first" goes once every rule is met, a
//! "published" goes when the reader starts the next comment.

use crate::config::{Config, Field};
use crate::draft::{self, Draft};
use crate::events::{Listener, Timeout};
use crate::i18n::Text;
use crate::net::{self, Outcome, PageRef, Progress, Submission};
use crate::view::{StatusKind, View};
use binhluan_contract::EndpointRules;
use binhluan_rules::{self as rules, Rules, Verdict};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlTextAreaElement, InputEvent, KeyboardEvent};

/// Milliseconds without input before a new error is shown.
const REVEAL_DELAY_MS: i32 = 150;

/// A mounted box. Dropping it removes its listeners and its DOM.
pub struct CommentBox {
    host: Element,
    config: Config,
    /// The rules in force: the site's, until the endpoint says which it enforces.
    rules: RefCell<Rules>,
    /// Where this box keeps its draft (its own, even beside another box of the article).
    draft_key: String,
    view: View,
    state: RefCell<State>,
    listeners: RefCell<Vec<Listener>>,
}

/// Whether the box is on the page or was destroyed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Life {
    /// Mounted and listening.
    #[default]
    Mounted,
    /// Destroyed: it touches the page no more.
    Destroyed,
}

#[derive(Default)]
struct State {
    verdict: Option<Verdict>,
    composing: bool,
    reveal_timer: Option<Timeout>,
    /// When the box showed (ms since the epoch).
    shown_ms: f64,
    /// Whether the text came from the reader's own hand: a keystroke, a paste, a drop, an
    /// IME or a keyboard's word (`beforeinput`), or a draft they wrote earlier.
    by_reader: bool,
    /// Whether the reader tried to post or left the box: only then is an unfinished
    /// comment's word count shown as a problem.
    insisted: bool,
    /// When the text was last edited here (ms since the epoch), against other tabs' edits.
    edited_ms: f64,
    key: String,
    posting: bool,
    /// The text before the last conversion, for undo.
    before_conversion: Option<String>,
    /// What the status line says now, when it is one of the box's own texts.
    status: Option<Text>,
    /// The page "Xem thêm" asks for next.
    next_page: PageRef,
    life: Life,
}

impl CommentBox {
    /// Mounts a box into `host` with `config`; `first_page` is the loader's request for the
    /// list's first page, already under way (see [`net::list`]).
    pub fn mount(
        host: &Element,
        config: Config,
        first_page: Option<js_sys::Promise>,
    ) -> Result<Rc<CommentBox>, JsValue> {
        let view = View::build(host, &config)?;
        let this = Rc::new(CommentBox {
            host: host.clone(),
            rules: RefCell::new(config.rules.clone()),
            draft_key: draft::claim(&config.article_id),
            config,
            view,
            state: RefCell::new(State {
                shown_ms: js_sys::Date::now(),
                ..State::default()
            }),
            listeners: RefCell::new(Vec::new()),
        });
        this.restore_draft();
        this.wire();
        this.refresh(true);
        this.load_page(first_page);
        Ok(this)
    }

    /// Takes the box off the page: its DOM, its listeners and its pending reveal go now,
    /// even while a post under way still holds the box.
    pub fn destroy(&self) {
        if !self.destroyed() {
            draft::release(&self.draft_key);
        }
        self.listeners.borrow_mut().clear();
        {
            let mut state = self.state.borrow_mut();
            state.reveal_timer = None;
            state.life = Life::Destroyed;
        }
        self.view.remove();
    }

    fn destroyed(&self) -> bool {
        self.state.borrow().life == Life::Destroyed
    }

    fn wire(self: &Rc<Self>) {
        let v = &self.view;
        let textarea: &web_sys::EventTarget = v.textarea.as_ref();
        let mut listeners = vec![
            self.listen(textarea, "input", |b, e| b.on_input(&e)),
            self.listen(textarea, "compositionstart", |b, _| {
                let mut state = b.state.borrow_mut();
                state.composing = true;
                state.by_reader = true;
            }),
            // What people do to put text in: keys, a paste, a drop, a keyboard's whole word or
            // voice typing (`beforeinput`). A script setting the value does none of these.
            self.listen(textarea, "beforeinput", |b, _| {
                b.state.borrow_mut().by_reader = true
            }),
            self.listen(textarea, "paste", |b, _| {
                b.state.borrow_mut().by_reader = true
            }),
            self.listen(textarea, "drop", |b, _| {
                b.state.borrow_mut().by_reader = true
            }),
            self.listen(textarea, "compositionend", |b, _| {
                b.state.borrow_mut().composing = false;
                b.schedule_reveal();
            }),
            self.listen(textarea, "blur", |b, e| {
                // Focus moving to one of the box's buttons (submit, a mark, convert) is a
                // click under way: revealing now (or when the pending reveal fires) could
                // move that button away from the pointer and lose the click; the button's
                // action shows the verdict itself.
                let to = e
                    .dyn_ref::<web_sys::FocusEvent>()
                    .and_then(web_sys::FocusEvent::related_target)
                    .and_then(|t| t.dyn_into::<Element>().ok());
                let to_button = to.as_ref().is_some_and(|t| t.local_name() == "button");
                // Leaving the box (not just for its own name field) ends the "still writing".
                if !to.as_ref().is_some_and(|t| b.view.contains(t)) {
                    b.state.borrow_mut().insisted = true;
                }
                if to_button {
                    b.state.borrow_mut().reveal_timer = None;
                } else {
                    b.refresh(true);
                }
            }),
            self.listen(textarea, "keydown", |b, e| {
                let Some(key) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                b.state.borrow_mut().by_reader = true;
                if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) && !key.is_composing()
                {
                    e.prevent_default();
                    b.submit();
                }
            }),
            self.listen(v.form.as_ref(), "submit", |b, e| {
                e.prevent_default();
                b.submit();
            }),
            self.listen(v.convert.as_ref(), "click", |b, _| b.convert()),
            self.listen(v.undo.as_ref(), "click", |b, _| b.undo()),
            self.listen(v.marks.as_ref(), "click", |b, e| b.select_mark(&e)),
        ];
        for input in [&v.name, &v.email].into_iter().flatten() {
            listeners.push(self.listen(input.as_ref(), "input", |b, _| {
                b.clear_status(&[Text::NameRequired, Text::EmailInvalid]);
                b.save_draft();
            }));
        }
        if let Some(list) = &v.list {
            listeners.push(self.listen(list.more.as_ref(), "click", |b, _| b.load_comments()));
        }
        if let Some(window) = web_sys::window() {
            listeners.push(self.listen(window.as_ref(), "storage", |b, e| b.on_storage(&e)));
        }
        *self.listeners.borrow_mut() = listeners;
    }

    /// A listener that calls `handler` while the box lives (it holds no strong reference,
    /// so dropping the handle frees the box and removes the listener).
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        kind: &'static str,
        handler: impl Fn(&Rc<CommentBox>, Event) + 'static,
    ) -> Listener {
        let weak: Weak<CommentBox> = Rc::downgrade(self);
        Listener::new(target, kind, move |event| {
            if let Some(this) = weak.upgrade() {
                handler(&this, event);
            }
        })
    }

    fn on_input(self: &Rc<Self>, event: &Event) {
        let composing = event
            .dyn_ref::<InputEvent>()
            .is_some_and(InputEvent::is_composing);
        {
            let mut state = self.state.borrow_mut();
            state.composing = composing;
            state.edited_ms = js_sys::Date::now();
            if state.before_conversion.is_some() {
                // Typing after a conversion makes it the reader's own text.
                state.before_conversion = None;
                self.view.show_undo(false);
            }
        }
        // What was said about the last comment (or the restored draft, or a refusal of the
        // text before this edit) no longer describes what is being written.
        if !self.state.borrow().posting {
            self.clear_status(&[
                Text::Published,
                Text::Pending,
                Text::DraftRestored,
                Text::Converted,
                Text::Refused,
                Text::NotCreated,
                Text::Failed,
            ]);
        }
        // Stored before the rules run: were they ever to trap, the keystroke is kept.
        self.save_draft();
        self.refresh(false);
        if !composing {
            self.schedule_reveal();
        }
    }

    /// Says `text` in the status line, and remembers it was said.
    fn say(&self, text: Text, kind: StatusKind) {
        self.say_as(text, self.view.texts().get(text), kind);
    }

    /// Says `message` in the status line as a kind of `text` (a server's own words for a
    /// refusal are remembered as [`Text::Refused`]).
    fn say_as(&self, text: Text, message: &str, kind: StatusKind) {
        self.view.status(message, kind);
        self.state.borrow_mut().status = Some(text);
    }

    /// Empties the status line when it says one of `stale`.
    fn clear_status(&self, stale: &[Text]) {
        let now = self.state.borrow().status;
        if now.is_some_and(|now| stale.contains(&now)) {
            self.view.status("", StatusKind::Info);
            self.state.borrow_mut().status = None;
        }
    }

    fn schedule_reveal(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let timer = Timeout::new(REVEAL_DELAY_MS, move || {
            if let Some(this) = weak.upgrade() {
                if !this.state.borrow().composing {
                    this.refresh(true);
                }
            }
        });
        self.state.borrow_mut().reveal_timer = Some(timer);
    }

    /// Checks the text, shows the verdict and tells the page (`binhluan:change`).
    fn refresh(&self, reveal: bool) -> Verdict {
        let verdict = rules::check(&self.view.textarea.value(), &self.rules.borrow());
        let insisted = self.state.borrow().insisted;
        self.view.show_verdict(&verdict, reveal, insisted);
        if verdict.ok {
            self.clear_status(&[Text::FixFirst]);
            if reveal {
                self.view.set_invalid(false);
            }
        }
        let changed = self.state.borrow().verdict.as_ref() != Some(&verdict);
        if changed {
            self.emit(
                "binhluan:change",
                &serde_wasm_bindgen::to_value(&verdict).unwrap_or(JsValue::NULL),
            );
            self.state.borrow_mut().verdict = Some(verdict.clone());
        }
        verdict
    }

    fn emit(&self, kind: &str, detail: &JsValue) {
        if !self.destroyed() {
            crate::events::dispatch(&self.host, kind, detail);
        }
    }

    fn emit_error(&self, code: &str, message: &str) {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"code".into(), &code.into());
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        self.emit("binhluan:error", &detail);
    }

    fn field_value(input: &Option<web_sys::HtmlInputElement>) -> String {
        input.as_ref().map(|i| i.value()).unwrap_or_default()
    }

    fn current_draft(&self) -> Draft {
        Draft {
            content: self.view.textarea.value(),
            name: Self::field_value(&self.view.name),
            email: Self::field_value(&self.view.email),
            key: self.comment_key(),
            edited: self.state.borrow().edited_ms,
        }
    }

    /// The idempotency key of the comment being written, made on first use.
    fn comment_key(&self) -> String {
        let mut state = self.state.borrow_mut();
        if state.key.is_empty() {
            state.key = new_key();
        }
        state.key.clone()
    }

    fn save_draft(&self) {
        draft::save(&self.draft_key, &self.current_draft());
    }

    fn restore_draft(&self) {
        let Some(saved) = draft::load(&self.draft_key) else {
            if let (Some(input), Some(name)) = (&self.view.name, draft::remembered_name()) {
                input.set_value(&name);
            }
            return;
        };
        self.apply_draft(&saved);
        if !saved.content.trim().is_empty() {
            self.say(Text::DraftRestored, StatusKind::Info);
        }
    }

    fn apply_draft(&self, saved: &Draft) {
        self.view.textarea.set_value(&saved.content);
        for (input, value) in [
            (&self.view.name, &saved.name),
            (&self.view.email, &saved.email),
        ] {
            if let Some(input) = input {
                input.set_value(value);
            }
        }
        let mut state = self.state.borrow_mut();
        state.key = saved.key.clone();
        state.edited_ms = saved.edited;
        // The reader wrote it, here or in another tab.
        state.by_reader |= !saved.content.is_empty();
    }

    /// Another tab of the same article changed the draft. Its newer edit is taken (the two
    /// tabs then share the comment's key). When it posted the comment and removed the draft,
    /// this tab's same text goes too; a text of this tab's own stays, is saved again, and
    /// gets a key of its own.
    fn on_storage(&self, event: &Event) {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        if event.key().as_deref() != Some(self.draft_key.as_str()) {
            return;
        }
        if self.state.borrow().posting || self.state.borrow().composing {
            return;
        }
        match event.new_value().and_then(|raw| draft::parse(&raw)) {
            Some(theirs) => {
                if theirs.edited > self.state.borrow().edited_ms {
                    self.apply_draft(&theirs);
                    self.refresh(false);
                }
            }
            None => {
                let posted = event.old_value().and_then(|raw| draft::parse(&raw));
                let mine = self.view.textarea.value();
                match posted {
                    Some(posted) if posted.content == mine => {
                        self.view.textarea.set_value("");
                        let mut state = self.state.borrow_mut();
                        state.key.clear();
                        state.before_conversion = None;
                    }
                    posted if !mine.trim().is_empty() => {
                        if posted.is_some_and(|p| p.key == self.state.borrow().key) {
                            self.state.borrow_mut().key = new_key();
                        }
                        self.save_draft();
                    }
                    _ => {}
                }
                self.refresh(false);
            }
        }
    }

    /// Takes the rules the endpoint enforces (from its listing): the checklist then shows
    /// what the server will say. The console notes it when the site's own options differ.
    fn adopt_rules(&self, enforced: EndpointRules) {
        let current = self.rules.borrow().clone();
        let adopted = Rules {
            min_words: enforced.min_words,
            max_length: enforced.max_length,
            emails_are_links: enforced.emails_are_links,
            ..current
        };
        if adopted == current {
            return;
        }
        if self.config.rules_from_site {
            let mut line = String::from(
                "binhluan: the endpoint enforces other rules than this page's options (data-min-words, data-max-length, data-emails-are-links); the box follows the endpoint: minWords ",
            );
            crate::i18n::push_number(&mut line, adopted.min_words);
            line.push_str(", maxLength ");
            crate::i18n::push_number(&mut line, adopted.max_length);
            line.push_str(", emailsAreLinks ");
            line.push_str(if adopted.emails_are_links {
                "true"
            } else {
                "false"
            });
            web_sys::console::info_1(&JsValue::from_str(&line));
        }
        *self.rules.borrow_mut() = adopted;
        self.refresh(false);
    }

    fn convert(&self) {
        let Some(suggestion) = self
            .state
            .borrow()
            .verdict
            .as_ref()
            .and_then(|v| v.hints.iter().find(|h| !h.suggestion.is_empty()))
            .map(|h| h.suggestion.clone())
        else {
            return;
        };
        let before = self.view.textarea.value();
        self.view.textarea.set_value(&suggestion);
        self.state.borrow_mut().before_conversion = Some(before);
        self.view.show_undo(true);
        self.refresh(true);
        self.save_draft();
        // The hint beside the undo button says it was converted; the status line does not
        // say it a second time.
        let _ = self.view.textarea.focus();
    }

    fn undo(&self) {
        let Some(before) = self.state.borrow_mut().before_conversion.take() else {
            return;
        };
        self.view.textarea.set_value(&before);
        self.view.show_undo(false);
        self.refresh(true);
        self.save_draft();
        let _ = self.view.textarea.focus();
    }

    /// A click on a marked word selects it in the textarea.
    fn select_mark(&self, event: &Event) {
        let Some(mark) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let at = |name: &str| mark.get_attribute(name).and_then(|v| v.parse::<u32>().ok());
        if let (Some(start), Some(end)) = (at("data-start"), at("data-end")) {
            let textarea: &HtmlTextAreaElement = &self.view.textarea;
            let _ = textarea.focus();
            let _ = textarea.set_selection_range(start, end);
        }
    }

    fn submit(self: &Rc<Self>) {
        if self.state.borrow().posting {
            return;
        }
        self.state.borrow_mut().insisted = true;
        let verdict = self.refresh(true);
        let name = Self::field_value(&self.view.name);
        let email = Self::field_value(&self.view.email);
        let problem = if !verdict.ok {
            self.view.set_invalid(true);
            let _ = self.view.textarea.focus();
            Some(Text::FixFirst)
        } else if self.config.name_field == Field::Required && name.trim().is_empty() {
            self.view.name.as_ref().map(|i| i.focus());
            Some(Text::NameRequired)
        } else if !email_ok(&email, self.config.email_field) {
            self.view.email.as_ref().map(|i| i.focus());
            Some(Text::EmailInvalid)
        } else {
            None
        };
        if let Some(problem) = problem {
            self.say(problem, StatusKind::Error);
            return;
        }
        // Typing speed says nothing about a person who pasted or dictated: it is sent only
        // for text that came with none of a person's input events.
        let typing_ms = {
            let state = self.state.borrow();
            (!state.by_reader)
                .then(|| (js_sys::Date::now() - state.shown_ms).clamp(0.0, u32::MAX as f64) as u32)
        };
        let mut submission = Submission {
            content: self.view.textarea.value(),
            name,
            email,
            key: self.comment_key(),
            website: self.view.trap.value(),
            typing_ms,
            rules_ok: verdict.ok,
        };
        self.state.borrow_mut().posting = true;
        self.view.set_posting(true);
        self.emit(
            "binhluan:submit",
            &serde_wasm_bindgen::to_value(&verdict).unwrap_or(JsValue::NULL),
        );
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let progress = |p: Progress| {
                let text = match p {
                    Progress::Sending => Text::Posting,
                    Progress::Retrying => Text::Retrying,
                    Progress::Offline => Text::Offline,
                };
                this.say(text, StatusKind::Info);
            };
            let mut outcome = net::post(&this.config, &submission, &progress).await;
            if let Outcome::KeyReused = outcome {
                // The key went with another text (another tab posted it): this text is a
                // comment of its own, with a key of its own. The reader need not know.
                submission.key = new_key();
                this.state.borrow_mut().key.clone_from(&submission.key);
                this.save_draft();
                outcome = net::post(&this.config, &submission, &progress).await;
            }
            this.finish(outcome, &submission);
        });
    }

    fn finish(self: &Rc<Self>, outcome: Outcome, sent: &Submission) {
        let texts = self.view.texts();
        match outcome {
            Outcome::Accepted { published, reply } => {
                // The stored draft goes only when it is this comment: another tab may have
                // saved a newer text under the same key since.
                if draft::load(&self.draft_key).is_none_or(|d| d.content == sent.content) {
                    draft::clear(&self.draft_key);
                }
                draft::remember_name(&sent.name);
                self.view.textarea.set_value("");
                {
                    let mut state = self.state.borrow_mut();
                    state.key.clear();
                    state.by_reader = false;
                    state.insisted = false;
                    state.shown_ms = js_sys::Date::now();
                    state.before_conversion = None;
                }
                self.view.show_undo(false);
                let text = if published {
                    Text::Published
                } else {
                    Text::Pending
                };
                self.say(text, StatusKind::Ok);
                self.refresh(false);
                self.emit("binhluan:posted", &reply);
                if published {
                    self.state.borrow_mut().next_page = PageRef::default();
                    self.view.clear_comments();
                    self.load_comments();
                }
            }
            Outcome::NotCreated {
                status,
                content_type,
            } => {
                let mut line = String::from("binhluan: the endpoint ");
                line.push_str(&self.config.endpoint);
                line.push_str(" answered HTTP ");
                crate::i18n::push_number(&mut line, u32::from(status));
                line.push(' ');
                line.push_str(if content_type.is_empty() {
                    "(no Content-Type)"
                } else {
                    &content_type
                });
                line.push_str(", not the JSON {\"id\", \"status\"} of a stored comment: nothing says the comment was stored, so the reader was told it was NOT sent. Is data-endpoint the address of the comment API (docs/endpoint.md)?");
                web_sys::console::error_1(&JsValue::from_str(&line));
                self.say(Text::NotCreated, StatusKind::Error);
                self.emit_error("not-created", texts.get(Text::NotCreated));
            }
            Outcome::Refused { status, message } => {
                let message = message.filter(|m| !m.trim().is_empty());
                let shown = message.as_deref().unwrap_or(texts.get(Text::Refused));
                self.say_as(Text::Refused, shown, StatusKind::Error);
                self.view.set_invalid(status == 422);
                self.emit_error("refused", shown);
            }
            Outcome::KeyReused => {
                // A second refusal of a fresh key: the endpoint misbehaves.
                self.say(Text::Refused, StatusKind::Error);
                self.emit_error("refused", texts.get(Text::Refused));
            }
            Outcome::Failed => {
                self.say(Text::Failed, StatusKind::Error);
                self.emit_error("network", texts.get(Text::Failed));
            }
        }
        self.state.borrow_mut().posting = false;
        self.view.set_posting(false);
    }

    fn load_comments(self: &Rc<Self>) {
        self.load_page(None);
    }

    /// Loads the next page of the list, from `early` when the loader asked for it already.
    fn load_page(self: &Rc<Self>, early: Option<js_sys::Promise>) {
        if self.view.list.is_none() || self.destroyed() {
            return;
        }
        let page = self.state.borrow().next_page.clone();
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(listed) = net::list(&this.config, &page, early).await {
                if let Some(enforced) = listed.rules {
                    this.adopt_rules(enforced);
                }
                if listed.closed {
                    this.view.close();
                }
                this.view
                    .add_comments(&listed.comments, listed.next.is_some());
                if let Some(next) = listed.next {
                    this.state.borrow_mut().next_page = next;
                }
            }
        });
    }
}

/// An e-mail is acceptable when the field is off, or empty and optional, or shaped like
/// `local@domain.tld` (the server has the last word).
pub fn email_ok(email: &str, field: Field) -> bool {
    let email = email.trim();
    match field {
        Field::Off => true,
        Field::Optional if email.is_empty() => true,
        _ => email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.bytes().any(|b| b == b'.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }),
    }
}

/// A fresh idempotency key: a random (version 4) UUID. From `crypto.getRandomValues`, which
/// every browser with WebAssembly has on every origin: `crypto.randomUUID` exists only in
/// secure contexts, and most http:// pages are not one.
fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !random {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// `bytes` as a version 4 UUID: `xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx`.
fn uuid_v4(mut bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut key = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            key.push('-');
        }
        key.push(HEX[usize::from(byte >> 4)] as char);
        key.push(HEX[usize::from(byte & 0x0f)] as char);
    }
    key
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    #[test]
    fn email_field_rules() {
        assert!(email_ok("", Field::Off));
        assert!(email_ok("", Field::Optional));
        assert!(!email_ok("", Field::Required));
        assert!(email_ok("ban.doc@example.vn", Field::Required));
        assert!(!email_ok("ban doc@example.vn", Field::Optional));
        assert!(!email_ok("ban@localhost", Field::Optional));
        assert!(!email_ok("@example.vn", Field::Optional));
        assert!(!email_ok("ban@.vn", Field::Optional));
    }

    #[test]
    fn keys_are_version_4_uuids() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}

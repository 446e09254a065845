//! Every visible text of the box, in Vietnamese and English. A site overrides any of them
//! with the option `text<Key>` (for example `textSubmit` or `data-text-submit`).
//! Templates hold `{n}` and `{max}` placeholders, filled without `format!` (it costs wasm bytes).

/// The language of the box's own texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese (the default).
    Vi,
    /// English.
    En,
}

macro_rules! texts {
    ($($key:ident: $vi:literal, $en:literal;)*) => {
        /// A visible text of the box.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text { $(#[doc = $vi] $key,)* }

        impl Text {
            /// Every text, in declaration order (the index of the overrides table).
            pub const ALL: &'static [Text] = &[$(Text::$key,)*];

            /// The option name part after `text` (`Submit` for `textSubmit`).
            pub fn option_name(self) -> &'static str {
                match self { $(Text::$key => stringify!($key),)* }
            }

            /// The built-in text in `lang`.
            pub fn builtin(self, lang: Lang) -> &'static str {
                match (self, lang) { $((Text::$key, Lang::Vi) => $vi, (Text::$key, Lang::En) => $en,)* }
            }
        }
    };
}

texts! {
    Label: "Bình luận", "Comment";
    Placeholder: "Viết bình luận bằng tiếng Việt có dấu…", "Write your comment in Vietnamese, with diacritics…";
    Name: "Họ tên", "Name";
    Email: "Email (không hiển thị)", "E-mail (not shown)";
    Optional: " (không bắt buộc)", " (optional)";
    Submit: "Gửi bình luận", "Post comment";
    Posting: "Đang gửi…", "Posting…";
    RulesHeading: "Yêu cầu", "Requirements";
    RuleWords: "Tối thiểu {max} chữ tiếng Việt có dấu", "At least {max} Vietnamese words with diacritics";
    WordsMissing: " (còn thiếu {n} chữ)", " ({n} more)";
    RuleDiacritics: "Viết tiếng Việt có dấu", "Write Vietnamese with diacritics";
    RuleLinks: "Không chứa liên kết", "No links";
    RuleMet: "Đạt: ", "Met: ";
    RuleNotMet: "Chưa đạt: ", "Not met: ";
    Length: "{n}/{max} ký tự", "{n}/{max} characters";
    Suspects: "Từ thiếu dấu:", "Words missing diacritics:";
    Links: "Liên kết:", "Links:";
    HintKeyboard: "Có vẻ bộ gõ tiếng Việt đang tắt.", "Your Vietnamese keyboard seems to be off.";
    HintOldFont: "Văn bản có vẻ được dán từ phông chữ cũ.", "The text seems to come from an old font.";
    Convert: "Chuyển sang tiếng Việt có dấu", "Convert to Vietnamese with diacritics";
    Undo: "Hoàn tác", "Undo";
    Converted: "Đã chuyển sang tiếng Việt có dấu.", "Converted to Vietnamese with diacritics.";
    FixFirst: "Bình luận chưa đạt yêu cầu: xem các mục đánh dấu ở trên.", "The comment does not meet the requirements yet: see the marked items above.";
    NameRequired: "Vui lòng nhập họ tên.", "Please enter your name.";
    EmailInvalid: "Vui lòng nhập email hợp lệ.", "Please enter a valid e-mail address.";
    Pending: "Bình luận của bạn đã được gửi và đang chờ duyệt.", "Your comment was sent and awaits moderation.";
    Published: "Bình luận của bạn đã được đăng.", "Your comment has been published.";
    Retrying: "Chưa gửi được, đang thử lại…", "Not sent yet, trying again…";
    Offline: "Bạn đang ngoại tuyến. Bình luận sẽ được gửi khi có mạng trở lại.", "You are offline. The comment will be sent when you are back online.";
    Failed: "Không gửi được bình luận. Nội dung vẫn được giữ nguyên, hãy thử lại.", "The comment could not be sent. Your text is kept: please try again.";
    Refused: "Máy chủ không nhận bình luận này.", "The server did not accept this comment.";
    NotCreated: "Bình luận CHƯA được gửi: máy chủ không xác nhận đã lưu. Nội dung vẫn được giữ nguyên, hãy thử lại sau.", "The comment was NOT sent: the server did not confirm it was stored. Your text is kept: please try again later.";
    Closed: "Bình luận đã đóng.", "Comments are closed.";
    DraftRestored: "Đã khôi phục bản nháp chưa gửi của bạn.", "Your unsent draft was restored.";
    ListHeading: "Bình luận của bạn đọc", "Readers' comments";
    ListEmpty: "Chưa có bình luận nào.", "No comments yet.";
    ListMore: "Xem thêm bình luận", "More comments";
    Anonymous: "Bạn đọc", "Reader";
    EndpointError: "Phần bình luận tạm thời chưa dùng được.", "Comments are not available at the moment.";
}

/// Fills `{n}` and `{max}` in `template`.
pub fn fill(template: &str, n: u32, max: u32) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(tail) = rest.strip_prefix("{n}") {
            push_number(&mut out, n);
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix("{max}") {
            push_number(&mut out, max);
            rest = tail;
        } else {
            out.push('{');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Appends the decimal digits of `n`.
pub fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut n = n;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev().map(|&d| d as char));
}

/// The texts of one box: the built-in ones in its language, with the site's overrides.
#[derive(Clone, Debug)]
pub struct Texts {
    /// The language of the built-in texts.
    pub(super) lang: Lang,
    overrides: Vec<Option<String>>,
}

impl Texts {
    /// The built-in texts of `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            overrides: vec![None; Text::ALL.len()],
        }
    }

    /// Overrides the text whose option name (after `text`) is `name`; false when no text has it.
    pub fn set(&mut self, name: &str, value: String) -> bool {
        match Text::ALL.iter().position(|t| t.option_name() == name) {
            Some(i) => {
                self.overrides[i] = Some(value);
                true
            }
            None => false,
        }
    }

    /// The BCP 47 language of the built-in texts, for `Intl`.
    pub fn locale(&self) -> &'static str {
        match self.lang {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The text for `key`.
    pub fn get(&self, key: Text) -> &str {
        self.overrides[key as usize]
            .as_deref()
            .unwrap_or_else(|| key.builtin(self.lang))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders_and_keeps_other_braces() {
        assert_eq!(fill(" (còn thiếu {n} chữ)", 3, 10), " (còn thiếu 3 chữ)");
        assert_eq!(fill("{n}/{max} ký tự", 0, 1000), "0/1000 ký tự");
        assert_eq!(fill("{x} {n}", 42, 0), "{x} 42");
        assert_eq!(fill("{", 1, 1), "{");
    }

    #[test]
    fn overrides_replace_one_text_and_reject_unknown_names() {
        let mut texts = Texts::new(Lang::Vi);
        assert!(texts.set("Submit", "Gửi".into()));
        assert!(!texts.set("Nonsense", "x".into()));
        assert_eq!(texts.get(Text::Submit), "Gửi");
        assert_eq!(texts.get(Text::Label), "Bình luận");
        assert_eq!(Texts::new(Lang::En).get(Text::RuleLinks), "No links");
    }

    #[test]
    fn every_text_has_a_distinct_option_name() {
        for (i, a) in Text::ALL.iter().enumerate() {
            for b in &Text::ALL[i + 1..] {
                assert_ne!(a.option_name(), b.option_name());
            }
        }
    }
}

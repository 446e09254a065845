"""The selection patterns (selection only: every selected comment is judged by reading it)."""
import re

# Broad "link-like" pattern for the recall-candidate sample.
BROAD = re.compile(
    r"[^\W_]\s*\.\s*[^\W_]"      # a dot between two letters/digits, spaces allowed around it
    r"|@|http|www|\schấm\s|dot|\.com|\.vn|\(\.\)|\[\.\]",
    re.IGNORECASE,
)

TLDS = "com|vn|net|org|info|xyz|ly|me|io|gl|co|biz|tv|cc|top|site|online|asia|edu|gov|link|club"
# Strict "likely miss" pattern, searched over ALL unflagged comments.
STRICT = re.compile(
    r"[^\W_]\.(?:" + TLDS + r")(?![^\W_])"            # word.tld (any case)
    r"|@[\w.-]*[^\W_]\.[^\W_]"                          # @ followed by word.word
    r"|[^\W_]\s+\.\s*(?:com|vn|net|org)(?![^\W_])"     # spaced ". com" / " .com"
    r"|[^\W_]\.\s+(?:com|vn|net|org)(?![^\W_])"        # "abc. com"
    r"|\b(?:chấm|cham|dot)\s*(?:com|vn|net|org)\b"     # disguised "chấm com" / "dot com"
    r"|\(\.\)|\[\.\]|\(dot\)|\[dot\]"                  # "(.)" "[dot]"
    r"|[^\W_]\.[^\W_]+/[^\W_]"                       # host/path ("abc.xy/z")
    r"|https?|www",
    re.IGNORECASE,
)

# Extra probes run after STRICT (over unflagged comments that STRICT did not select): site and
# brand names, mail words, spaced or disguised hosts followed by a path, "x@y" without a dot.
EXTRA = [
    re.compile(
        r"gmail|yahoo|hotmail|facebook\W*com|youtube\W*com|youtu\W*be|tiktok\W*com"
        r"|(shopee|lazada|tiki|sendo)\s*(\.|chấm|cham)\s*vn|\.html|bit\s*\.\s*ly|goo\s*\.\s*gl"
        r"|fb\s*\.\s*com|zalo\s*\.\s*me|w\s*w\s*w\s*\.|h\s*t\s*t\s*p",
        re.IGNORECASE,
    ),
    re.compile(
        r"[^\W_]{2,}\.(store|site|fun|live|pro|app|dev|ai|uk|us|jp|cn|kr|fr|de|ru|tk|ga|ml|one|bet"
        r"|win|vip|fb|in)(?![^\W_])|(chấm|cham|dot)\s+(vn|com|net)|\bw{3}\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"[^\W_]\s?@\s?[^\W_]"
        r"|\b[^\W_]+\s*(\.|chấm|cham|dot)\s*(com|vn|net|org|info|xyz|ly|me|io)\s*(/|\.vn)",
        re.IGNORECASE,
    ),
]

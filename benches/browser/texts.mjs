// Real Vietnamese comments of about 100, 1,000, 10,000 and 100,000 characters, with and
// without a link: sentences of the seed article (rules/tests/data/laocaitv-article.txt) mixed with
// readers' comments written for this benchmark, in the order a comment thread reads.
import { readFileSync } from "node:fs";

// The article's dateline names the site ("Laocaitv.vn - "): a link, left out of the prose.
const article = readFileSync(new URL("../../rules/tests/data/laocaitv-article.txt", import.meta.url), "utf8").replace(
  "Laocaitv.vn - ",
  "",
);

const comments = [
  "Bài viết rất hay, cảm ơn phóng viên đã đưa tin kịp thời cho bà con vùng cao.",
  "Mong tỉnh sớm hoàn thành chính quyền điện tử để người dân đỡ phải đi lại nhiều lần.",
  "Ở huyện tôi sóng điện thoại vẫn còn yếu lắm, đề nghị ngành viễn thông quan tâm hơn.",
  "Dịch vụ công trực tuyến tiện thật, tôi đã nộp hồ sơ cấp đổi giấy phép lái xe mà không phải xếp hàng.",
  "Thông tin sai sự thật trên mạng xã hội cần được xử lý nghiêm, gây hoang mang quá.",
  "Nhiều người già ở bản tôi chưa biết dùng điện thoại thông minh, cần có người hướng dẫn tận nơi.",
  "Tôi đồng ý với ý kiến trên, chuyển đổi số phải đi đôi với đào tạo kỹ năng cho người dân.",
  "Cảm ơn các anh chị cán bộ bưu điện đã hỗ trợ trả kết quả thủ tục hành chính tận nhà.",
  "Đọc xong thấy tự hào về quê hương Lào Cai, chúc ngành Thông tin và Truyền thông thành công.",
  "Hy vọng năm sau số hồ sơ trực tuyến còn tăng nhiều hơn nữa, giảm giấy tờ cho dân.",
];

/** The article's sentences and the comments, interleaved: the text a thread is made of. */
function sentences() {
  const fromArticle = article
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.;:…])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
  const out = [];
  for (let i = 0; i < Math.max(fromArticle.length, comments.length); i++) {
    if (i < fromArticle.length) out.push(fromArticle[i]);
    out.push(comments[i % comments.length]);
  }
  return out;
}

/** A comment of about `chars` UTF-16 code units, cut at a word boundary. */
function prose(chars) {
  const pool = sentences();
  let text = "";
  for (let i = 0; text.length < chars; i++) text += (text ? " " : "") + pool[i % pool.length];
  const cut = text.lastIndexOf(" ", chars);
  return text.slice(0, cut > chars / 2 ? cut : chars);
}

/** The link the "with a link" texts carry once, in the middle: what a spammer pastes. */
export const LINK = "www.nhacai88.com/khuyen-mai";

/** The same comment with one link put at a word boundary near the middle. */
function withLink(text) {
  const at = text.indexOf(" ", text.length / 2 - LINK.length);
  const cut = at < 0 ? text.length : at;
  return text.slice(0, cut) + " xem " + LINK + text.slice(cut);
}

export const SIZES = [100, 1_000, 10_000, 100_000];

/** `[{size, links, text}]` for every size, without and with a link. */
export function texts() {
  return SIZES.flatMap((size) => {
    const plain = prose(size);
    return [
      { size, links: false, text: plain },
      { size, links: true, text: withLink(prose(size - LINK.length - 5)) },
    ];
  });
}

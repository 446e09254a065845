// The pages of the cross-engine tests: a copy of www/ (copied, not linked: the server
// refuses links that leave --www; the built widget is the one under test) plus test/ pages, served by the real binhluan-server. Each removal
// of a platform API is a script file run before the loader, so the strict policy holds.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const www = fileURLToPath(new URL("../../www", import.meta.url));

/** The minimal policy of docs/embedding.md, as a <meta> (WebDriver cannot add headers). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

const SCRIPTS = {
  // Records policy violations, from before the loader runs.
  "violations.js": `window.violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.violations.push(e.violatedDirective + " " + e.blockedURI);
});`,
  // A browser without constructed stylesheets (Safari before 16.4, Firefox before 101).
  "no-sheets.js": `delete CSSStyleSheet.prototype.replaceSync;
delete ShadowRoot.prototype.adoptedStyleSheets;
delete Document.prototype.adoptedStyleSheets;`,
  // A browser without WebAssembly (disabled by policy, or a lockdown mode).
  "no-wasm.js": "delete window.WebAssembly;",
};

function page({ title, scripts = [], endpoint = "/api/comments", connect = "'self'" }) {
  const csp = STRICT_CSP.replace("connect-src 'self'", `connect-src ${connect}`);
  const tags = ["violations.js", ...scripts].map((s) => `<script src="/test/${s}"></script>`).join("\n");
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/demo.css">
</head><body><main><section class="comments"><h2>Bình luận</h2>
<div data-binhluan></div>
</section></main>
${tags}
<script src="/binhluan/binhluan.js" data-endpoint="${endpoint}" data-load="eager"></script>
</body></html>
`;
}

/**
 * A folder to serve with `--www`: www/'s entries copied, and test/{strict,no-sheets,no-wasm}.html.
 * `insecure(apiOrigin)` adds test/insecure.html, whose box posts to `apiOrigin`.
 */
export function testSite() {
  const dir = mkdtempSync(join(tmpdir(), "binhluan-site-"));
  for (const entry of readdirSync(www)) cpSync(join(www, entry), join(dir, entry), { recursive: true });
  const test = join(dir, "test");
  mkdirSync(test);
  for (const [name, body] of Object.entries(SCRIPTS)) writeFileSync(join(test, name), body);
  writeFileSync(join(test, "strict.html"), page({ title: "Strict policy" }));
  writeFileSync(join(test, "no-sheets.html"), page({ title: "No constructed stylesheets", scripts: ["no-sheets.js"] }));
  writeFileSync(join(test, "no-wasm.html"), page({ title: "No WebAssembly", scripts: ["no-wasm.js"] }));
  return {
    dir,
    insecure(apiOrigin) {
      writeFileSync(join(test, "insecure.html"), page({ title: "Plain http", endpoint: `${apiOrigin}/api/comments`, connect: `'self' ${apiOrigin}` }));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

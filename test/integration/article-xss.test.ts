import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, signInActors } from "@/test/support/authors";
import { get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// An author publishes Markdown full of script injection; the page the server sends must carry
// none of it live, in the HTML or in the React payload that hydrates it.
const PAYLOADS = [
  "<script>window.__xss=1</script>",
  "<img src=x onerror=window.__xss=2>",
  "[a](javascript:window.__xss=3)",
  "[b](JaVaScRiPt:window.__xss=4)",
  "[c](vbscript:msgbox(5))",
  "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==)",
  "[e](&#106;avascript:window.__xss=7)",
  "[f](&#x6A;avascript&#x3A;window.__xss=8)",
  "<iframe src=\"javascript:window.__xss=9\"></iframe>",
  "<svg onload=window.__xss=10><circle/></svg>",
  "[g][evil]\n\n[evil]: javascript:window.__xss=11",
  "![h](javascript:window.__xss=12)",
  "<a href=\"javascript:window.__xss=13\">i</a>",
  "<div onclick=\"window.__xss=14\">j</div>",
  "`<script>window.__xss=15</script>` in code",
  "<javascript:window.__xss=16>",
];

let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

describe("author Markdown on the served article page", () => {
  it("contains no live script, event handler, dangerous URL or embedded frame", async () => {
    const { authorA } = await signInActors(server.url);
    const body = `## Payloads\n\n${PAYLOADS.join("\n\n")}\n\n[safe link](https://example.com/ok)`;
    const created = await send(server.url, authorA, "POST", "/api/articles", { title: "Payload test", priceSats: 0, body });
    const { id, slug } = JSON.parse(created.text) as { id: string; slug: string };
    expect((await send(server.url, authorA, "POST", `/api/articles/${id}/publish`, {})).status).toBe(200);

    const page = await get(`${server.url}/articles/${slug}`);
    expect(page.status).toBe(200);
    const html = page.text;
    // The article did render (so the checks below look at real output).
    expect(html).toContain('<a href="https://example.com/ok">safe link</a>');
    expect(html).toContain("<h2>Payloads</h2>");

    // Every <script> is Next's own: its bundles or its payload pushes. None from the article.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      if (/\bsrc="\/_next\//.test(attributes!)) continue;
      expect(content, content!.slice(0, 120)).toMatch(/^\s*(\(?self\.__next_[fs]|\(globalThis\["TURBOPACK"\])/);
      expect(content).not.toContain("<script");
    }
    expect(html).not.toContain("__xss=1</script>");
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    // No embedded frame or SVG from the article: the page's own SVGs (the tip QR code) sit
    // outside the article body, so look at the body itself.
    const articleBody = html.slice(html.indexOf('data-testid="article-body"'), html.indexOf('data-testid="upvote-box"'));
    expect(articleBody).toContain("safe link");
    expect(articleBody).not.toMatch(/<(iframe|svg|object|embed)\b/i);
    expect(html).not.toMatch(/<(iframe|object|embed)\b/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/\\?"(href|src)\\?":\s*\\?"\s*(javascript|vbscript|data):/i);
    expect(html.toLowerCase()).not.toMatch(/href="[^"]*&#x?0*6a;?avascript/);
  });
});

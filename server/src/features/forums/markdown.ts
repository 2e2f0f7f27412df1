import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/*
 * Posts are Markdown, rendered once when written and stored as HTML. Two layers keep it inert:
 * markdown-it never passes raw HTML through and refuses unsafe link schemes, and sanitize-html then
 * keeps only an allow-list of tags and attributes, whatever the renderer produced.
 */

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// No images: a picture can track readers or show what a content warning was meant to fold.
md.disable(["image"]);
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet("rel", "nofollow ugc noopener");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/*
 * @mentions. A core rule after linkify walks the text outside links and code: it records each
 * @handle it finds (env.mentioned, lower case, in order) and, for the handles the caller says the
 * mention reaches (env.linked: lower case → handle), puts a link to that member's page in its place.
 * Anything else stays the plain text it was.
 */
const MENTION = /(^|[^A-Za-z0-9_@./-])@([A-Za-z0-9_-]{3,32})(?![A-Za-z0-9_@-])/g;
type MentionEnv = { mentioned?: string[]; linked?: ReadonlyMap<string, string> };

md.core.ruler.push("mentions", (state) => {
  const env = state.env as MentionEnv;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: typeof block.children = [];
    let inLink = 0;
    for (const token of block.children) {
      if (token.type === "link_open") inLink += 1;
      if (token.type === "link_close") inLink -= 1;
      if (token.type !== "text" || inLink > 0 || !token.content.includes("@")) {
        out.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(MENTION)) {
        const lower = (match[2] as string).toLowerCase();
        if (env.mentioned && !env.mentioned.includes(lower)) env.mentioned.push(lower);
        const handle = env.linked?.get(lower);
        if (!handle) continue;
        const at = (match.index ?? 0) + (match[1] as string).length;
        if (at > last) {
          const before = new state.Token("text", "", 0);
          before.content = token.content.slice(last, at);
          out.push(before);
        }
        const open = new state.Token("link_open", "a", 1);
        open.attrs = [
          ["href", `/members/${encodeURIComponent(handle)}`],
          ["class", "mention"],
        ];
        const text = new state.Token("text", "", 0);
        text.content = `@${match[2]}`;
        out.push(open, text, new state.Token("link_close", "a", -1));
        last = at + 1 + (match[2] as string).length;
      }
      if (last === 0) out.push(token);
      else if (last < token.content.length) {
        const rest = new state.Token("text", "", 0);
        rest.content = token.content.slice(last);
        out.push(rest);
      }
    }
    block.children = out;
  }
});

const REL = "nofollow ugc noopener";
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "rel", "class"], ol: ["start"] },
  allowedClasses: { a: ["mention"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    // The thread title is the page's heading; a post's headings sit below it.
    h1: "h3",
    h2: "h4",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: REL } }),
  },
};

/**
 * Markdown → sanitised HTML: no raw HTML, no images, links only http(s)/mailto with rel="nofollow ugc noopener".
 * `mentions` (lower-case handle → handle) are the @handles to link to their member's page.
 */
export function renderMarkdown(source: string, mentions?: ReadonlyMap<string, string>): string {
  const env: MentionEnv = { linked: mentions };
  return sanitizeHtml(md.render(source, env), SANITIZE);
}

/** The @handles written in a post (lower case, first appearance first), outside links and code. */
export function mentionedHandles(source: string): string[] {
  const env: MentionEnv = { mentioned: [] };
  md.parse(source, env);
  // The core rules run during parse, so the mentions rule has filled env.mentioned.
  return env.mentioned ?? [];
}

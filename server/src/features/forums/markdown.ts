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
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
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

/** Markdown → sanitised HTML: no raw HTML, no images, links only http(s)/mailto with rel="nofollow ugc noopener". */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE);
}

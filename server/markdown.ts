import { Marked, type Tokens } from 'marked';

/**
 * Initiative texts are written in Markdown by administrators and shown on public kiosks, so
 * they are rendered with raw HTML switched off (escaped, not passed through) and links limited
 * to http(s) and mailto. Images are shown as their alternative text: a kiosk should not load
 * third-party pictures.
 */
const escape = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const safeHref = (href: string) => /^(https?:|mailto:)/i.test(href.trim());

const marked = new Marked({
	gfm: true,
	breaks: false,
	renderer: {
		html(token: Tokens.HTML | Tokens.Tag) {
			return escape(token.text);
		},
		link(token: Tokens.Link) {
			const text = this.parser.parseInline(token.tokens);
			if (!safeHref(token.href)) return text;
			return `<a href="${escape(token.href)}" rel="noopener noreferrer">${text}</a>`;
		},
		image(token: Tokens.Image) {
			return escape(token.text);
		}
	}
});

export function renderMarkdown(source: string): string {
	return marked.parse(source, { async: false }) as string;
}

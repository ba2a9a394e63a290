// A small, safe markdown renderer for the answers: every character of the text is HTML-escaped first, and the
// only markup in the result is the one this file writes (paragraphs, headings, lists, block quotes, code, emphasis,
// and links to http(s) addresses). No raw HTML of the answer ever reaches the page.
"use strict";

const MARKDOWN_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };

function escapeHtml(text) {
	return text.replace(/[&<>"']/g, (character) => MARKDOWN_ESCAPES[character]);
}

function renderInline(text) {
	return text.split(/(`[^`\n]+`)/).map((part) => {
		if (part.length > 2 && part.startsWith("`") && part.endsWith("`")) {
			return "<code>" + escapeHtml(part.slice(1, -1)) + "</code>";
		}
		return escapeHtml(part)
			.replace(/\*\*(\S(?:.*?\S)?)\*\*/g, "<strong>$1</strong>")
			.replace(/(^|[^*\w])\*(\S(?:[^*]*?\S)?)\*(?![*\w])/g, "$1<em>$2</em>")
			.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/g,
				"<a href=\"$2\" target=\"_blank\" rel=\"noopener noreferrer\">$1</a>");
	}).join("");
}

function renderMarkdown(markdown) {
	const html = [];
	let paragraph = [];
	let list = null;
	let code = null;
	const closeParagraph = () => {
		if (paragraph.length) {
			html.push("<p>" + paragraph.map(renderInline).join("<br>") + "</p>");
			paragraph = [];
		}
	};
	const closeList = () => {
		if (list) {
			html.push("<" + list.tag + ">" + list.items.map((item) => "<li>" + renderInline(item) + "</li>").join("")
				+ "</" + list.tag + ">");
			list = null;
		}
	};
	for (const line of markdown.split(/\r?\n/)) {
		if (code !== null) {
			if (/^\s*```/.test(line)) {
				html.push("<pre><code>" + escapeHtml(code.join("\n")) + "</code></pre>");
				code = null;
			}
			else {
				code.push(line);
			}
			continue;
		}
		let match;
		if (/^\s*```/.test(line)) {
			closeParagraph();
			closeList();
			code = [];
		}
		else if ((match = /^(#{1,6})\s+(.*)$/.exec(line))) {
			closeParagraph();
			closeList();
			const level = Math.min(match[1].length + 2, 6);
			html.push("<h" + level + ">" + renderInline(match[2]) + "</h" + level + ">");
		}
		else if ((match = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line))) {
			closeParagraph();
			const tag = match[1] ? "ul" : "ol";
			if (list && list.tag !== tag) {
				closeList();
			}
			list = list || { tag: tag, items: [] };
			list.items.push(match[3]);
		}
		else if ((match = /^\s*>\s?(.*)$/.exec(line))) {
			closeParagraph();
			closeList();
			html.push("<blockquote>" + renderInline(match[1]) + "</blockquote>");
		}
		else if (!line.trim()) {
			closeParagraph();
			closeList();
		}
		else {
			closeList();
			paragraph.push(line);
		}
	}
	if (code !== null) {
		// a code block that is still streaming
		html.push("<pre><code>" + escapeHtml(code.join("\n")) + "</code></pre>");
	}
	closeParagraph();
	closeList();
	return html.join("");
}

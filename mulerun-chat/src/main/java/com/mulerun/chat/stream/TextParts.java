package com.mulerun.chat.stream;

import org.jspecify.annotations.Nullable;

/**
 * The text of one field of a streamed choice (content, refusal, reasoning): the first
 * piece is kept as it came, and only a second piece starts a {@link StringBuilder}. A
 * stream whose text arrives in one piece (a large single event, a JSON completion
 * streamed as chunks) thus yields that very string, not two more copies of it.
 */
final class TextParts {

	private @Nullable String first;

	private @Nullable StringBuilder joined;

	private TextParts() {
	}

	/**
	 * Appends a piece, creating the parts on the first one.
	 * @param target the parts so far, or {@code null}
	 * @param text the piece
	 * @return the parts
	 */
	static TextParts append(@Nullable TextParts target, String text) {
		TextParts parts = (target != null) ? target : new TextParts();
		parts.add(text);
		return parts;
	}

	private void add(String text) {
		StringBuilder builder = this.joined;
		if (builder != null) {
			builder.append(text);
			return;
		}
		String previous = this.first;
		if (previous == null || previous.isEmpty()) {
			this.first = text;
			return;
		}
		if (text.isEmpty()) {
			return;
		}
		builder = new StringBuilder(Math.max(16, previous.length() + text.length()));
		builder.append(previous).append(text);
		this.joined = builder;
		this.first = null;
	}

	/**
	 * Returns the text, or {@code null} when no non-empty piece arrived.
	 * @param parts the parts, or {@code null}
	 * @return the text
	 */
	static @Nullable String textOrNull(@Nullable TextParts parts) {
		if (parts == null) {
			return null;
		}
		if (parts.joined != null) {
			return parts.joined.toString();
		}
		String text = parts.first;
		return (text != null && !text.isEmpty()) ? text : null;
	}

}

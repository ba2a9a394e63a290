package com.mulerun.chat.structured;

/**
 * Follows the nesting of JSON text character by character, skipping braces and brackets
 * inside strings.
 */
final class JsonScanner {

	private int depth;

	private boolean inString;

	private boolean escaped;

	/**
	 * Takes the next character.
	 * @param c the character
	 * @return {@code true} when the character closed an object or an array
	 */
	boolean accept(char c) {
		if (this.inString) {
			if (this.escaped) {
				this.escaped = false;
			}
			else if (c == '\\') {
				this.escaped = true;
			}
			else if (c == '"') {
				this.inString = false;
			}
			return false;
		}
		switch (c) {
			case '"' -> this.inString = true;
			case '{', '[' -> this.depth++;
			case '}', ']' -> {
				this.depth--;
				return true;
			}
			default -> {
			}
		}
		return false;
	}

	/**
	 * Returns how many objects and arrays are open.
	 * @return the depth
	 */
	int depth() {
		return this.depth;
	}

	/**
	 * Tells whether the last character taken is inside a string.
	 * @return whether inside a string
	 */
	boolean inString() {
		return this.inString;
	}

}

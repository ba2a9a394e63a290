package com.mulerun.chat.structured;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts streamed JSON text of the form {@code {"items": [e1, e2, ...]}} into the text of
 * each element as soon as the element is complete, whatever the chunk boundaries. Text
 * before the root object (prose, a fence) and after it is ignored.
 */
final class JsonElementSplitter {

	/** The depth inside the root object. */
	private static final int ROOT = 1;

	/** The depth inside the array of elements. */
	private static final int ARRAY = 2;

	private final JsonScanner scanner = new JsonScanner();

	private final StringBuilder element = new StringBuilder();

	private boolean started;

	private boolean inArray;

	private boolean inElement;

	private boolean arrayClosed;

	private boolean done;

	/**
	 * Takes the next piece of text.
	 * @param text the text, any length
	 * @return the elements completed by this piece, in order, possibly none
	 */
	List<String> feed(CharSequence text) {
		List<String> elements = new ArrayList<>(2);
		for (int i = 0; i < text.length() && !this.done; i++) {
			accept(text.charAt(i), elements);
		}
		return elements;
	}

	private void accept(char c, List<String> elements) {
		if (!this.started) {
			if (c != '{') {
				return;
			}
			this.started = true;
		}
		int before = this.scanner.depth();
		boolean inString = this.scanner.inString();
		boolean closed = this.scanner.accept(c);
		boolean structural = !inString;
		if (!this.inArray) {
			if (structural && before == ROOT && c == '[') {
				this.inArray = true;
			}
			else if (this.scanner.depth() == 0) {
				this.done = true;
			}
			return;
		}
		if (!this.inElement) {
			if (structural && before == ARRAY && (c == ',' || Character.isWhitespace(c))) {
				return;
			}
			if (structural && before == ARRAY && c == ']') {
				closeArray();
				return;
			}
			this.inElement = true;
			this.element.setLength(0);
		}
		if (structural && before == ARRAY && (c == ',' || c == ']')) {
			// the end of a scalar element
			elements.add(this.element.toString().strip());
			this.inElement = false;
			if (c == ']') {
				closeArray();
			}
			return;
		}
		this.element.append(c);
		if (closed && this.scanner.depth() == ARRAY) {
			elements.add(this.element.toString());
			this.inElement = false;
		}
	}

	private void closeArray() {
		this.arrayClosed = true;
		this.done = true;
	}

	/**
	 * Tells whether the array of elements was closed: when it was not by the end of the
	 * stream, the answer was cut off.
	 * @return whether the array is complete
	 */
	boolean isComplete() {
		return this.arrayClosed;
	}

	/**
	 * Tells whether any root object was found.
	 * @return whether the root started
	 */
	boolean hasStarted() {
		return this.started;
	}

}

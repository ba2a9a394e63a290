package com.mulerun.test;

import java.util.Objects;

/**
 * A function tool call that a {@link MockResponse} answers with.
 *
 * @param id the call's id, which the tool message answering it refers to
 * @param name the function's name
 * @param arguments the JSON-encoded arguments, sent as they are
 */
public record MockToolCall(String id, String name, String arguments) {

	/**
	 * Creates a tool call.
	 * @param id the call's id
	 * @param name the function's name
	 * @param arguments the JSON-encoded arguments
	 */
	public MockToolCall {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(arguments, "arguments must not be null");
	}

	/**
	 * Creates a tool call whose id is made up from the function's name and its position
	 * in the answer ({@code call_0_get_weather}).
	 * @param name the function's name
	 * @param arguments the JSON-encoded arguments
	 * @return the tool call, with an id chosen when the answer is built
	 */
	public static MockToolCall of(String name, String arguments) {
		return new MockToolCall("", name, arguments);
	}

	MockToolCall withIdFor(int index) {
		return this.id.isEmpty() ? new MockToolCall("call_" + index + "_" + this.name, this.name, this.arguments)
				: this;
	}

}

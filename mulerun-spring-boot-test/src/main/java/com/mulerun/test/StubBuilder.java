package com.mulerun.test;

import com.mulerun.chat.model.ChatCompletionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The condition of a stub being registered with {@link MockMuleRunServer}; finish it with
 * one of the {@code respondWith...} methods. Conditions added with {@code and...} must
 * all hold.
 *
 * <pre class="code">
 * server.whenModel("gpt-5").andLastUserMessageContains("refund")
 *     .respondWith(MockResponse.text("Refunds take 5 days.").withChunkDelay(Duration.ofMillis(20)));
 * </pre>
 */
public final class StubBuilder {

	static final String ANY_REQUEST = "any request";

	private final Consumer<Stub> registry;

	private final List<String> descriptions = new ArrayList<>();

	private Predicate<ChatCompletionRequest> condition;

	StubBuilder(Consumer<Stub> registry, String description, Predicate<ChatCompletionRequest> condition) {
		this.registry = registry;
		this.descriptions.add(description);
		this.condition = condition;
	}

	/**
	 * Also requires the request's model to be the given one.
	 * @param model the model id
	 * @return this builder
	 */
	public StubBuilder andModel(String model) {
		Objects.requireNonNull(model, "model must not be null");
		return and("model is \"" + model + "\"", (request) -> model.equals(request.model()));
	}

	/**
	 * Also requires the text of the last user message to contain the given text.
	 * @param text the text
	 * @return this builder
	 */
	public StubBuilder andLastUserMessageContains(String text) {
		Objects.requireNonNull(text, "text must not be null");
		return and("last user message contains \"" + text + "\"", (request) -> {
			String message = WireFormat.lastUserMessage(request);
			return message != null && message.contains(text);
		});
	}

	/**
	 * Also requires the text of the last user message to be the given text.
	 * @param text the text
	 * @return this builder
	 */
	public StubBuilder andLastUserMessageEquals(String text) {
		Objects.requireNonNull(text, "text must not be null");
		return and("last user message is \"" + text + "\"",
				(request) -> text.equals(WireFormat.lastUserMessage(request)));
	}

	/**
	 * Also requires the request to match the given predicate.
	 * @param predicate the predicate
	 * @return this builder
	 */
	public StubBuilder and(Predicate<ChatCompletionRequest> predicate) {
		return and("a custom predicate holds", predicate);
	}

	private StubBuilder and(String description, Predicate<ChatCompletionRequest> predicate) {
		Objects.requireNonNull(predicate, "predicate must not be null");
		if (this.descriptions.equals(List.of(ANY_REQUEST))) {
			this.descriptions.clear();
		}
		this.descriptions.add(description);
		this.condition = this.condition.and(predicate);
		return this;
	}

	/**
	 * Answers matching requests with the given response.
	 * @param response the response
	 * @return the registered stub
	 */
	public Stub respondWith(MockResponse response) {
		return respondWith(response, new MockResponse[0]);
	}

	/**
	 * Answers matching requests with the given responses in turn: the first request gets
	 * {@code first}, the next ones {@code then}, and the last response repeats. Handy for
	 * retries:
	 * {@code respondWith(MockResponse.serverError(), MockResponse.text("Recovered"))}.
	 * @param first the response to the first matching request
	 * @param then the responses to the following requests
	 * @return the registered stub
	 */
	public Stub respondWith(MockResponse first, MockResponse... then) {
		Objects.requireNonNull(first, "first must not be null");
		List<Function<ChatCompletionRequest, MockResponse>> responses = new ArrayList<>();
		responses.add((request) -> first);
		for (MockResponse next : then) {
			Objects.requireNonNull(next, "then must not contain null");
			responses.add((request) -> next);
		}
		return register(responses);
	}

	/**
	 * Answers matching requests with a response computed from the request, for example
	 * one that echoes the question.
	 * @param responder computes the response of a request
	 * @return the registered stub
	 */
	public Stub respondUsing(Function<ChatCompletionRequest, MockResponse> responder) {
		Objects.requireNonNull(responder, "responder must not be null");
		return register(List.of(responder));
	}

	private Stub register(List<Function<ChatCompletionRequest, MockResponse>> responses) {
		Stub stub = new Stub(String.join(" and ", this.descriptions), this.condition, responses);
		this.registry.accept(stub);
		return stub;
	}

	/**
	 * Answers matching requests with text, streamed word by word when the request
	 * streams.
	 * @param text the answer
	 * @return the registered stub
	 */
	public Stub respondWithText(String text) {
		return respondWith(MockResponse.text(text));
	}

	/**
	 * Answers matching requests with text made of the given chunks, streamed exactly as
	 * given.
	 * @param chunks the content deltas
	 * @return the registered stub
	 */
	public Stub respondWithChunks(String... chunks) {
		return respondWith(MockResponse.chunks(chunks));
	}

	/**
	 * Answers matching requests with one function tool call.
	 * @param name the function's name
	 * @param arguments the JSON-encoded arguments
	 * @return the registered stub
	 */
	public Stub respondWithToolCall(String name, String arguments) {
		return respondWith(MockResponse.toolCall(name, arguments));
	}

	/**
	 * Answers matching requests with an HTTP error and the body as it is.
	 * @param status the HTTP status, 400 to 599
	 * @param body the body
	 * @return the registered stub
	 */
	public Stub respondWithError(int status, String body) {
		return respondWith(MockResponse.error(status, body));
	}

}

package com.mulerun.benchmarks.clients;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.util.List;

import com.mulerun.benchmarks.Payloads;

/**
 * The template as an application gets it from
 * {@code ChatCompletionTemplate.builder().baseUrl(url).apiKey(key)}: its default
 * connector (500 connections, gzip), retries, timeouts, validation and a no-op
 * observation registry.
 */
public final class TemplateClient {

	/** The name of this client in the tables. */
	public static final String NAME = "template";

	/** The name of the auto-configured template in the tables. */
	public static final String BOOT_NAME = "template (Boot bean)";

	private final String name;

	private final ChatCompletionTemplate template;

	private final ChatCompletionRequest request = ChatCompletionRequest.builder()
		.model(Payloads.MODEL)
		.systemMessage(Payloads.SYSTEM_PROMPT)
		.userMessage(Payloads.USER_PROMPT)
		.build();

	/**
	 * Creates the client.
	 * @param baseUrl the base URL of the endpoint
	 * @param apiKey the API key
	 */
	public TemplateClient(String baseUrl, String apiKey) {
		this(NAME, ChatCompletionTemplate.builder().baseUrl(baseUrl).apiKey(apiKey).build());
	}

	/**
	 * Creates the client around a template.
	 * @param name the name of the client in the tables
	 * @param template the template
	 */
	public TemplateClient(String name, ChatCompletionTemplate template) {
		this.name = name;
		this.template = template;
	}

	/**
	 * Returns the subjects of this client.
	 * @return the subjects
	 */
	public List<Subject> subjects() {
		return List.of(
				Subject.reactiveCompletion(this.name, "createMono",
						() -> this.template.createMono(this.request).map(TemplateClient::content)),
				Subject.blockingCompletion(this.name, "create", () -> content(this.template.create(this.request))),
				Subject.reactiveStream(this.name, "stream", () -> this.template.stream(this.request).map((chunk) -> {
					String text = chunk.text();
					return (text != null) ? text.length() : 0;
				})));
	}

	private static String content(ChatCompletion completion) {
		String content = completion.content();
		return (content != null) ? content : "";
	}

}

package com.mulerun.benchmarks.clients;

import java.util.List;
import java.util.function.IntConsumer;

import com.mulerun.benchmarks.Payloads;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

/**
 * The official openai-java SDK (the version Spring AI is built on) with its own OkHttp
 * client, base URL the fake endpoint, defaults otherwise; blocking calls and blocking
 * streams, as its synchronous API is used.
 */
public final class OpenAiJavaClient implements AutoCloseable {

	/** The name of this client in the tables. */
	public static final String NAME = "openai-java";

	private final OpenAIClient client;

	private final ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
		.model(Payloads.MODEL)
		.addSystemMessage(Payloads.SYSTEM_PROMPT)
		.addUserMessage(Payloads.USER_PROMPT)
		.build();

	private final ChatCompletionCreateParams streamParams = this.params.toBuilder()
		.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
		.build();

	/**
	 * Creates the client.
	 * @param baseUrl the base URL of the endpoint
	 * @param apiKey the API key
	 */
	public OpenAiJavaClient(String baseUrl, String apiKey) {
		this.client = OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey(apiKey).build();
	}

	/**
	 * Returns the subjects of this client.
	 * @return the subjects
	 */
	public List<Subject> subjects() {
		return List.of(Subject.blockingCompletion(NAME, "create", this::complete),
				Subject.blockingStream(NAME, "createStreaming", this::stream));
	}

	private String complete() {
		ChatCompletion completion = this.client.chat().completions().create(this.params);
		return completion.choices().get(0).message().content().orElse("");
	}

	private void stream(IntConsumer chars) {
		try (StreamResponse<ChatCompletionChunk> response = this.client.chat()
			.completions()
			.createStreaming(this.streamParams)) {
			response.stream().forEach((chunk) -> {
				List<ChatCompletionChunk.Choice> choices = chunk.choices();
				chars.accept(choices.isEmpty() ? 0 : choices.get(0).delta().content().map(String::length).orElse(0));
			});
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

}

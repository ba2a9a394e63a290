package com.mulerun.benchmarks.clients;

import java.util.List;

import com.mulerun.benchmarks.Payloads;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * Spring AI's {@link OpenAiChatModel}, built programmatically (no auto-configuration) the
 * way its {@code OpenAiSetup} builds it: openai-java's clients over Spring AI's OkHttp
 * {@link SpringAiOpenAiHttpClient}, base URL the fake endpoint, no observation registry.
 *
 * <p>
 * One change from the defaults: the OkHttp dispatcher allows 64 concurrent calls per host
 * (openai-java's own OkHttp client's setting) instead of OkHttp's 5. Spring AI streams
 * through the asynchronous client, so with 5 a 16-stream run would really run 5 streams
 * at once.
 */
public final class SpringAiClient implements AutoCloseable {

	/** The name of this client in the tables. */
	public static final String NAME = "Spring AI";

	private final SpringAiOpenAiHttpClient httpClient;

	private final OpenAiChatModel model;

	private final Prompt prompt = new Prompt(
			List.of(new SystemMessage(Payloads.SYSTEM_PROMPT), new UserMessage(Payloads.USER_PROMPT)));

	/**
	 * Creates the client.
	 * @param baseUrl the base URL of the endpoint
	 * @param apiKey the API key
	 */
	public SpringAiClient(String baseUrl, String apiKey) {
		this.httpClient = SpringAiOpenAiHttpClient.builder().build();
		this.httpClient.getOkHttpClient().dispatcher().setMaxRequestsPerHost(64);
		ClientOptions options = ClientOptions.builder()
			.httpClient(this.httpClient)
			.baseUrl(baseUrl + "/v1")
			.apiKey(apiKey)
			.build();
		this.model = OpenAiChatModel.builder()
			.openAiClient(new OpenAIClientImpl(options))
			.openAiClientAsync(new OpenAIClientAsyncImpl(options))
			.options(OpenAiChatOptions.builder().model(Payloads.MODEL).streamUsage(true).build())
			.build();
	}

	/**
	 * Returns the subjects of this client.
	 * @return the subjects
	 */
	public List<Subject> subjects() {
		return List.of(Subject.blockingCompletion(NAME, "call", () -> {
			String text = this.model.call(this.prompt).getResult().getOutput().getText();
			return (text != null) ? text : "";
		}), Subject.reactiveStream(NAME, "stream", this::stream));
	}

	private Flux<Integer> stream() {
		return this.model.stream(this.prompt).map(SpringAiClient::chars);
	}

	private static int chars(ChatResponse response) {
		int chars = 0;
		for (Generation generation : response.getResults()) {
			String text = generation.getOutput().getText();
			if (text != null) {
				chars += text.length();
			}
		}
		return chars;
	}

	@Override
	public void close() {
		this.httpClient.close();
	}

}

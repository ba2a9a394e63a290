package com.mulerun.chat;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mulerun.chat.error.MuleRunMalformedResponseException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.Role;
import com.mulerun.chat.model.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A JSON chat completion answered to a stream request (gateways with response caches do
 * this) is streamed as the equivalent chunks, and said so at DEBUG.
 */
class ChatCompletionTemplateJsonAnswerToStreamTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	private static final String COMPLETION = """
			{"id":"cached-1","object":"chat.completion","created":7,"model":"gpt-5",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the cache"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}
			""";

	private final Logger logger = (Logger) LoggerFactory.getLogger("com.mulerun.chat.http.ResponseBodies");

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private Level previousLevel;

	@BeforeEach
	void captureLog() {
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.logged.start();
		this.logger.addAppender(this.logged);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.logged);
		this.logger.setLevel(this.previousLevel);
	}

	@Test
	void aJsonCompletionIsStreamedAsTheRoleContentFinishAndUsageChunks() throws Exception {
		try (ScriptedHttpServer server = server(COMPLETION)) {
			List<ChatCompletionChunk> chunks = template(server).stream(REQUEST).collectList().block(BLOCK);

			assertThat(chunks).hasSize(3);
			assertThat(chunks.get(0).choices()).singleElement().satisfies((choice) -> {
				assertThat(choice.delta().role()).isEqualTo(Role.ASSISTANT);
				assertThat(choice.delta().content().text()).isEqualTo("Hello from the cache");
				assertThat(choice.finishReason()).isNull();
			});
			assertThat(chunks.get(1).choices()).singleElement()
				.satisfies((choice) -> assertThat(choice.finishReason()).isEqualTo(FinishReason.STOP));
			assertThat(chunks.get(2).choices()).isEmpty();
			assertThat(chunks.get(2).usage().totalTokens()).isEqualTo(9);
			assertThat(chunks).allSatisfy((chunk) -> {
				assertThat(chunk.id()).isEqualTo("cached-1");
				assertThat(chunk.object()).isEqualTo("chat.completion.chunk");
			});
			assertThat(this.logged.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
				assertThat(event.getFormattedMessage()).contains("answered with a JSON chat completion")
					.contains("3 equivalent chunks");
			});
		}
	}

	@Test
	void theAggregateOfTheChunksIsTheCompletion() throws Exception {
		String withToolCall = """
				{"id":"cached-2","object":"chat.completion","created":7,"model":"gpt-5",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",
				   "type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				   "finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}
				""";
		try (ScriptedHttpServer server = server(withToolCall)) {
			ChatCompletion aggregated = template(server).streamAggregated(REQUEST).block(BLOCK);

			assertThat(aggregated.id()).isEqualTo("cached-2");
			assertThat(aggregated.choices()).singleElement()
				.satisfies((choice) -> assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS));
			List<ToolCall> toolCalls = aggregated.choices().get(0).message().toolCalls();
			assertThat(toolCalls).singleElement().satisfies((call) -> {
				assertThat(call.id()).isEqualTo("call_1");
				assertThat(call.type()).isEqualTo("function");
			});
			assertThat(aggregated.usage().totalTokens()).isEqualTo(9);
		}
	}

	@Test
	void aJsonBodyThatIsNotACompletionIsStillAMalformedResponse() throws Exception {
		try (ScriptedHttpServer server = server("{\"id\":\"x\"}")) {
			Throwable failure = catchThrowable(() -> template(server).stream(REQUEST).blockLast(BLOCK));

			assertThat(failure).isInstanceOf(MuleRunMalformedResponseException.class)
				.hasMessageContaining("the body has no choices");
		}
	}

	private static ScriptedHttpServer server(String body) {
		return new ScriptedHttpServer((connection) -> connection.chunkedHeaders(200, "application/json", body).end());
	}

	private static ChatCompletionTemplate template(ScriptedHttpServer server) {
		return ChatCompletionTemplate.builder().baseUrl(server.baseUrl()).retrySettings(RetrySettings.none()).build();
	}

}

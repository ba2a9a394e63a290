package com.mulerun.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.Tool;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MuleRunOfflineAutoConfiguration}.
 */
class MuleRunOfflineAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class,
				MuleRunOfflineAutoConfiguration.class))
		.withPropertyValues("mulerun.offline.chunk-delay=0s");

	@Test
	void isOffByDefaultSoAMissingKeyStillFailsTheStart() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MuleRunApiKeyMissingException.class);
		});
	}

	@Test
	void whenNoApiKeyAnswersOfflineWithoutAKeyAndSaysWhy() {
		this.contextRunner.withPropertyValues("mulerun.offline.mode=when-no-api-key").run((context) -> {
			assertThat(context.getBean(MuleRunOffline.class).reason()).isEqualTo("MULERUN_API_KEY is not set");
			String answer = context.getBean(ChatCompletionOperations.class).chat("What is MuleRun?");
			assertThat(answer).startsWith("This is the **offline mode** of the MuleRun starter (MULERUN_API_KEY is "
					+ "not set), so nothing left this machine. You asked: \"What is MuleRun?\". With an API key, "
					+ "gpt-5 answers from https://api.mulerun.com");
		});
	}

	@Test
	void whenNoApiKeyStaysOnlineWithAKeyPropertyOrEnvironmentVariable() {
		this.contextRunner.withPropertyValues("mulerun.offline.mode=when-no-api-key", "mulerun.api-key=sk-real")
			.run((context) -> assertThat(context).doesNotHaveBean(MuleRunOffline.class)
				.hasSingleBean(ChatCompletionOperations.class));
		this.contextRunner.withPropertyValues("mulerun.offline.mode=when-no-api-key", "MULERUN_API_KEY=sk-real")
			.run((context) -> assertThat(context).doesNotHaveBean(MuleRunOffline.class));
	}

	@Test
	void alwaysAnswersOfflineEvenWithAKey() {
		this.contextRunner.withPropertyValues("mulerun.offline.mode=always", "mulerun.api-key=sk-real")
			.run((context) -> {
				assertThat(context.getBean(MuleRunOffline.class).reason()).isEqualTo("mulerun.offline.mode is always");
				assertThat(context.getBean(ChatCompletionOperations.class).chat("Hi")).contains("You asked: \"Hi\"");
			});
	}

	@Test
	void streamsTheAnswerWordByWordWithAFinishReasonAndUsage() {
		this.contextRunner.withPropertyValues("mulerun.offline.mode=always")
			.withPropertyValues("mulerun.chat.model=claude-sonnet-4-5")
			.run((context) -> {
				ChatCompletionOperations chat = context.getBean(ChatCompletionOperations.class);
				ChatCompletionRequest request = ChatCompletionRequest.builder().userMessage("Hello").build();
				List<ChatCompletionChunk> chunks = chat.stream(request).collectList().block(Duration.ofSeconds(10));
				assertThat(chunks).hasSizeGreaterThan(10);
				assertThat(chunks.get(0).text()).isEqualTo("This ");
				StepVerifier.create(chat.streamAggregated(request)).assertNext((completion) -> {
					assertThat(completion.content()).endsWith("just like this one.");
					assertThat(completion.choices().get(0).finishReason().value()).isEqualTo("stop");
					assertThat(completion.model()).isEqualTo("claude-sonnet-4-5");
					assertThat(completion.usage().promptTokens()).isEqualTo(1);
					assertThat(completion.usage().completionTokens()).isEqualTo(completion.content().split(" ").length);
				}).expectComplete().verify(Duration.ofSeconds(10));
			});
	}

	@Test
	void callsAToolWhoseNameThePromptMentionsThenReadsItsResultBack() {
		this.contextRunner.withPropertyValues("mulerun.offline.mode=always").run((context) -> {
			ChatCompletionOperations chat = context.getBean(ChatCompletionOperations.class);
			Tool clock = Tool.function("server_clock", "The server's time", Map.of("type", "object"));
			ChatCompletion call = chat.create(
					ChatCompletionRequest.builder().userMessage("What time is it on the server?").tool(clock).build());
			assertThat(call.choices().get(0).finishReason().value()).isEqualTo("tool_calls");
			assertThat(call.choices().get(0).message().toolCallsOrEmpty()).singleElement()
				.satisfies((toolCall) -> assertThat(toolCall.toString()).contains("server_clock"));
			assertThat(chat.create(ChatCompletionRequest.builder().userMessage("Hello").tool(clock).build()).content())
				.contains("You asked: \"Hello\"");
			ChatCompletion answer = chat.create(ChatCompletionRequest.builder()
				.message(ChatMessage.user("What time is it on the server?"))
				.message(call.choices().get(0).message())
				.message(ChatMessage.tool("call_offline_1", "12:00"))
				.tool(clock)
				.build());
			assertThat(answer.content()).startsWith("The offline mode called a tool for you; it answered: 12:00.");
		});
	}

	@Test
	void countsTheTurnsOfAConversation() {
		this.contextRunner.withPropertyValues("mulerun.offline.mode=always").run((context) -> {
			ChatCompletion completion = context.getBean(ChatCompletionOperations.class)
				.create(ChatCompletionRequest.builder()
					.message(ChatMessage.user("Hi"))
					.message(ChatMessage.assistant("Hello!"))
					.message(ChatMessage.user("And now?"))
					.build());
			assertThat(completion.content()).contains("You asked: \"And now?\" (message 2 of this conversation)");
		});
	}

}

package com.mulerun.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.tool.ChatTool;
import com.mulerun.chat.observation.DefaultToolExecutionObservationConvention;
import com.mulerun.chat.tool.ChatTools;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the tool support of {@link MuleRunAutoConfiguration}: a {@link ChatTools}
 * bean as the default tools, and virtual threads for blocking tools when they are
 * enabled.
 */
class MuleRunToolsAutoConfigurationTests {

	static final String TOOL_CALL = """
			{"id":"c1","object":"chat.completion","created":1,"model":"gpt-5","choices":[{"index":0,"message":
			 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
			  "function":{"name":"clock","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}
			""";

	static final String ANSWER = """
			{"id":"c2","object":"chat.completion","created":2,"model":"gpt-5",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"It is noon."},"finish_reason":"stop"}]}
			""";

	private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class))
		.withUserConfiguration(ToolsConfiguration.class);

	@BeforeEach
	void start() {
		this.server.start();
		this.server.stubFor(post("/v1/chat/completions").inScenario("tools")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(TOOL_CALL))
			.willSetStateTo("answer"));
		this.server.stubFor(post("/v1/chat/completions").inScenario("tools")
			.whenScenarioStateIs("answer")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aChatToolsBeanIsTheDefaultToolsOfTheTemplate() {
		this.contextRunner.withPropertyValues("mulerun.api-key=sk-key", "mulerun.base-url=" + this.server.baseUrl())
			.run((context) -> {
				assertThat(context.getBean(ChatCompletionTemplate.class).chat("What time is it?"))
					.isEqualTo("It is noon.");
				// the blocking call runs the blocking tool on its own thread
				assertThat(context.getBean(ClockTools.class).threads).singleElement()
					.isEqualTo(Thread.currentThread().getName());
				assertThat(context).doesNotHaveBean(MuleRunAutoConfiguration.TOOL_SCHEDULER_BEAN_NAME);
			});
	}

	@Test
	void toolExecutionsAreObservedWithAToolConventionBean() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MuleRunObservationAutoConfiguration.class))
			.withPropertyValues("mulerun.api-key=sk-key", "mulerun.base-url=" + this.server.baseUrl())
			.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(DefaultToolExecutionObservationConvention.class,
					() -> new DefaultToolExecutionObservationConvention() {

						@Override
						public String getName() {
							return "custom.tool";
						}

					})
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("What time is it?");
				TestObservationRegistryAssert
					.assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
					.hasObservationWithNameEqualTo("custom.tool")
					.that()
					.hasContextualNameEqualTo("execute_tool clock");
			});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void blockingToolsRunOnVirtualThreadsWhenTheyAreEnabled() {
		this.contextRunner
			.withPropertyValues("mulerun.api-key=sk-key", "mulerun.base-url=" + this.server.baseUrl(),
					"spring.threads.virtual.enabled=true")
			.run((context) -> {
				assertThat(context).hasBean(MuleRunAutoConfiguration.TOOL_SCHEDULER_BEAN_NAME);
				// a reactive call hands blocking tools to the tool scheduler (a blocking
				// create runs them on its caller's thread)
				ChatCompletion completion = context.getBean(ChatCompletionTemplate.class)
					.createMono(ChatCompletionRequest.builder().userMessage("What time is it?").build())
					.block();
				assertThat(completion).isNotNull();
				assertThat(completion.content()).isEqualTo("It is noon.");
				assertThat(context.getBean(ClockTools.class).threads).singleElement()
					.satisfies((thread) -> assertThat(thread).startsWith("mulerun-tool-"));
			});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsAreNotUsedBeforeJava21EvenWhenEnabled() {
		this.contextRunner
			.withPropertyValues("mulerun.api-key=sk-key", "mulerun.base-url=" + this.server.baseUrl(),
					"spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(MuleRunAutoConfiguration.TOOL_SCHEDULER_BEAN_NAME));
	}

	@Configuration(proxyBeanMethods = false)
	static class ToolsConfiguration {

		@Bean
		ClockTools clockTools() {
			return new ClockTools();
		}

		@Bean
		ChatTools chatTools(ClockTools clockTools) {
			return ChatTools.from(clockTools);
		}

	}

	static class ClockTools {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@ChatTool(description = "The current time")
		String clock() {
			this.threads.add(Thread.currentThread().getName());
			return "12:00";
		}

	}

}

package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.observation.ChatCompletionMeterObservationHandler;
import com.mulerun.chat.observation.ChatCompletionObservationContext;
import com.mulerun.chat.observation.DefaultChatCompletionObservationConvention;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MuleRunObservationAutoConfiguration}.
 */
class MuleRunObservationAutoConfigurationTests {

	static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				MuleRunObservationAutoConfiguration.class, MuleRunAutoConfiguration.class))
		.withPropertyValues("mulerun.api-key=k", "mulerun.retry.max-retries=0");

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"c1","object":"chat.completion","created":1,"model":"gpt-5",
					 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
					 "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
					""")));
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@Test
	void callsAreObservedWithTheApplicationsRegistry() {
		this.contextRunner.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("Hello");
				TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("gen_ai.client.operation")
					.that()
					.hasContextualNameEqualTo("chat gpt-5")
					.hasLowCardinalityKeyValue("gen_ai.provider.name", "mulerun")
					.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "3");
			});
	}

	@Test
	void aConventionBeanIsUsed() {
		this.contextRunner.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(DefaultChatCompletionObservationConvention.class,
					() -> new DefaultChatCompletionObservationConvention() {
						@Override
						public String getName() {
							return "custom.chat";
						}
					})
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("Hello");
				TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
				TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("custom.chat");
			});
	}

	@Test
	void contentIsRecordedOnlyWhenSwitchedOn() {
		this.contextRunner
			.withPropertyValues("mulerun.base-url=" + server.baseUrl(), "mulerun.observations.include-content=true")
			.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("Hello secret prompt");
				TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("gen_ai.client.operation")
					.that()
					.satisfies((observationContext) -> assertThat(
							((ChatCompletionObservationContext) observationContext).isIncludeContent())
						.isTrue());
			});
	}

	@Test
	void metricsHandlerIsRegisteredWhenAMeterRegistryExists() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(ChatCompletionMeterObservationHandler.class));
	}

	@Test
	void callsAreMeasuredInTheMeterRegistryThatSpringBootAutoConfigures() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					MuleRunObservationAutoConfiguration.class, MuleRunAutoConfiguration.class,
					ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("mulerun.api-key=k", "mulerun.retry.max-retries=0",
					"mulerun.base-url=" + server.baseUrl())
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatCompletionMeterObservationHandler.class);
				context.getBean(ChatCompletionTemplate.class).chat("Hello");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("gen_ai.client.operation.duration").timer().count()).isOne();
			});
	}

	@Test
	void metricsHandlerBacksOffWithoutMicrometerCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatCompletionMeterObservationHandler.class)
				.hasSingleBean(ChatCompletionTemplate.class));
	}

	@Test
	void templateIsNotObservedWithoutARegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ObservationRegistry.class)
			.hasSingleBean(ChatCompletionTemplate.class));
	}

}

package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionRequest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code WebClient.Builder} the auto-configured template starts from: Boot's, with
 * its customizers in their order, but without creating Boot's own connector (the template
 * replaces it); an application's own builder as it is.
 */
class MuleRunWebClientBuilderAutoConfigurationTests {

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class))
		.withPropertyValues("mulerun.api-key=k", "mulerun.retry.max-retries=0");

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void resetServer() {
		server.resetAll();
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
	}

	@Test
	void bootsCustomizersApplyInTheirOrderWithoutCreatingBootsConnector() {
		this.contextRunner.withUserConfiguration(OrderedCustomizers.class)
			.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.run((context) -> {
				assertThat(
						context.getBeanFactory().containsBeanDefinition(MuleRunWebClientBuilders.CONNECTOR_CUSTOMIZER))
					.isTrue();
				context.getBean(ChatCompletionTemplate.class).create(REQUEST);
				assertThat(context.getBeanFactory().containsSingleton("clientHttpConnector")).isFalse();
				// the application's own clients still get Boot's connector
				context.getBean(WebClient.Builder.class).build();
				assertThat(context.getBeanFactory().containsSingleton("clientHttpConnector")).isTrue();
				assertThat(context).hasSingleBean(ClientHttpConnector.class);
			});
		assertThat(server.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().header("X-Order").values()).containsExactly("first",
					"second"));
	}

	@Test
	void anApplicationsOwnBuilderIsUsedAsItIs() {
		this.contextRunner
			.withBean("applicationWebClientBuilder", WebClient.Builder.class,
					() -> WebClient.builder().defaultHeader("X-Application-Builder", "used"))
			.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.run((context) -> context.getBean(ChatCompletionTemplate.class).create(REQUEST));
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("X-Application-Builder",
				equalTo("used")));
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		@Bean
		@Order(2)
		WebClientCustomizer second() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.add("X-Order", "second"));
		}

		@Bean
		@Order(1)
		WebClientCustomizer first() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.add("X-Order", "first"));
		}

	}

}

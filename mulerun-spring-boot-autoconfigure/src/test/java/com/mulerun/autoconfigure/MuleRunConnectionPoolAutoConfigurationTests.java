package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.http.PoolSettings;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector of the auto-configured template: built on Spring Boot's HTTP client
 * configuration (its connector builder and customizers, the JVM's proxy settings), with
 * the {@code mulerun.http.pool.*} and {@code mulerun.http.compression} properties.
 */
class MuleRunConnectionPoolAutoConfigurationTests {

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class))
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
	}

	@Test
	void poolDefaultsAreTheLibrarysDefaults() {
		this.contextRunner.run((context) -> {
			MuleRunProperties.Http http = context.getBean(MuleRunProperties.class).getHttp();
			assertThat(MuleRunAutoConfiguration.poolSettings(http)).isEqualTo(PoolSettings.DEFAULTS);
			assertThat(context.getBean("muleRunConnectionProvider", ConnectionProvider.class).maxConnections())
				.isEqualTo(PoolSettings.DEFAULTS.maxConnections());
		});
	}

	@Test
	void poolPropertiesBind() {
		this.contextRunner
			.withPropertyValues("mulerun.http.pool.max-connections=7", "mulerun.http.pool.pending-acquire-timeout=2s",
					"mulerun.http.pool.pending-acquire-max-count=3", "mulerun.http.pool.max-idle-time=5s",
					"mulerun.http.compression=true")
			.run((context) -> {
				assertThat(MuleRunAutoConfiguration.poolSettings(context.getBean(MuleRunProperties.class).getHttp()))
					.isEqualTo(new PoolSettings(7, Duration.ofSeconds(2), 3, Duration.ofSeconds(5), true));
				assertThat(context.getBean("muleRunConnectionProvider", ConnectionProvider.class).maxConnections())
					.isEqualTo(7);
			});
	}

	@Test
	void callsBeyondTheConnectionsAndTheWaitingLimitAreRejected() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withFixedDelay(1500)
			.withHeader("Content-Type", "application/json")
			.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
		this.contextRunner
			.withPropertyValues("mulerun.base-url=" + server.baseUrl(), "mulerun.http.pool.max-connections=1",
					"mulerun.http.pool.pending-acquire-max-count=1")
			.run((context) -> {
				ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
				Flux<Object> outcomes = Flux.range(0, 3)
					.flatMap((call) -> template.createMono(REQUEST)
						.<Object>map((completion) -> "answered")
						.onErrorResume(Mono::just));
				StepVerifier.create(outcomes.collectList()).assertNext((List<Object> results) -> {
					assertThat(results).filteredOn("answered"::equals).hasSize(2);
					assertThat(results).filteredOn(Throwable.class::isInstance)
						.singleElement()
						.satisfies((failure) -> assertThat((Throwable) failure).isInstanceOf(MuleRunException.class)
							.hasRootCauseInstanceOf(PoolAcquirePendingLimitException.class));
				}).expectComplete().verify(Duration.ofSeconds(20));
			});
	}

	@Test
	void compressionIsAskedForOnlyWhenEnabled() {
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
		this.contextRunner.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.run((context) -> context.getBean(ChatCompletionTemplate.class).create(REQUEST));
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Accept-Encoding", absent()));
		server.resetRequests();
		this.contextRunner.withPropertyValues("mulerun.base-url=" + server.baseUrl(), "mulerun.http.compression=true")
			.run((context) -> context.getBean(ChatCompletionTemplate.class).create(REQUEST));
		server.verify(
				postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Accept-Encoding", containing("gzip")));
	}

	@Test
	void bootsConnectorBuilderAndItsCustomizersAreTheBase() {
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> customizer = (builder) -> builder
			.withHttpClientCustomizer(
					(client) -> client.headers((headers) -> headers.add("X-Boot-Customizer", "applied")));
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class))
			.withBean(ClientHttpConnectorBuilderCustomizer.class, () -> customizer)
			.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.run((context) -> context.getBean(ChatCompletionTemplate.class).create(REQUEST));
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("X-Boot-Customizer",
				equalTo("applied")));
	}

	@Test
	void jvmProxySettingsApplyWhenNoProxyIsConfigured() {
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
		String previousHost = System.getProperty("http.proxyHost");
		String previousPort = System.getProperty("http.proxyPort");
		System.setProperty("http.proxyHost", "localhost");
		System.setProperty("http.proxyPort", String.valueOf(server.port()));
		try {
			this.contextRunner.withPropertyValues("mulerun.base-url=http://api.mulerun.invalid")
				.run((context) -> assertThat(context.getBean(ChatCompletionTemplate.class).chat("Hello"))
					.isEqualTo("Hi there"));
		}
		finally {
			restore("http.proxyHost", previousHost);
			restore("http.proxyPort", previousPort);
		}
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Host",
				equalTo("api.mulerun.invalid")));
	}

	private static void restore(String name, @Nullable String value) {
		if (value == null) {
			System.clearProperty(name);
		}
		else {
			System.setProperty(name, value);
		}
	}

}

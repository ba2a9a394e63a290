package com.mulerun.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.mulerun.chat.ChatCompletionTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests that {@code mulerun.chat.extra-body.*} values are sent with the JSON type they
 * were written with.
 */
class ExtraBodyTypesTests {

	static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class))
		.withPropertyValues("mulerun.api-key=sk-test");

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void stubCompletion() {
		server.resetAll();
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
	}

	@Test
	void yamlQuotedValuesAreSentAsStringsAndUnquotedOnesAsNumbersAndBooleans() {
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment().getPropertySources().addFirst(yaml("extra-body.yml")))
			.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("Hello");
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
						{"top_k":40,"seed_label":"40","min_p":0.05,"ratio_label":"0.05",
						 "safe_mode":true,"safe_mode_label":"true",
						 "thinking":{"type":"enabled","budget_tokens":1024,"budget_label":"1024"}}
						""", false, true)));
			});
	}

	@Test
	void yamlValuesAreBoundWithTheirType() {
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment().getPropertySources().addFirst(yaml("extra-body.yml")))
			.run((context) -> {
				Map<String, Object> extraBody = context.getBean(MuleRunProperties.class).getChat().getExtraBody();
				assertThat(extraBody).contains(entry("top_k", 40), entry("seed_label", "40"), entry("min_p", 0.05),
						entry("safe_mode", true), entry("safe_mode_label", "true"));
				assertThat(extraBody.get("thinking"))
					.isEqualTo(Map.of("type", "enabled", "budget_tokens", 1024, "budget_label", "1024"));
			});
	}

	@Test
	void textOnlyValuesThatReadAsNumbersOrBooleansAreSentAsSuch() {
		this.contextRunner
			.withPropertyValues("mulerun.base-url=" + server.baseUrl(), "mulerun.chat.extra-body.top_k=40",
					"mulerun.chat.extra-body.min_p=0.05", "mulerun.chat.extra-body.safe_mode=true",
					"mulerun.chat.extra-body.mode=fast", "mulerun.chat.extra-body.zip=007",
					"mulerun.chat.extra-body.huge=123456789012345678901234567890",
					"mulerun.chat.extra-body.thinking.budget_tokens=1024")
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("Hello");
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
						{"top_k":40,"min_p":0.05,"safe_mode":true,"mode":"fast","zip":"007",
						 "huge":"123456789012345678901234567890","thinking":{"budget_tokens":1024}}
						""", false, true)));
			});
	}

	@Test
	void valuesOfOtherPropertiesAreLeftAlone() {
		this.contextRunner.withPropertyValues("mulerun.chat.user=42", "mulerun.chat.metadata.build=7")
			.run((context) -> {
				MuleRunProperties properties = context.getBean(MuleRunProperties.class);
				assertThat(properties.getChat().getUser()).isEqualTo("42");
				assertThat(properties.getChat().getMetadata()).containsEntry("build", "7");
			});
	}

	private static PropertySource<?> yaml(String name) {
		try {
			return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource(name)).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package com.mulerun.chat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunNotFoundException;
import com.mulerun.chat.error.MuleRunPermissionDeniedException;
import com.mulerun.chat.model.ChatCompletionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Error messages that lead to the fix: where a rejected key came from (never the key),
 * the URL behind a 404, the host, port and setting behind a refused connection.
 */
class ErrorHintsTests {

	private static final String KEY = "sk-proj-RejectedKey0123456789";

	private static final String INVALID_KEY = """
			{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}""";

	private WireMockServer server;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void a401SaysTheKeyFromTheNamedSourceWasRejectedWithoutShowingIt() {
		respond(401, INVALID_KEY);

		MuleRunAuthenticationException ex = fail(MuleRunAuthenticationException.class,
				builder().apiKeySource("the environment variable MULERUN_API_KEY").build(), CallOptions.NONE);

		assertThat(ex.getMessage())
			.startsWith("HTTP 401 (invalid_api_key): Incorrect API key "
					+ "provided. The API key from the environment variable MULERUN_API_KEY was rejected: check "
					+ "that it is complete, not revoked, and issued for localhost.")
			.doesNotContain(KEY)
			.doesNotContain("0123456789");
	}

	@Test
	void aKeyGivenToTheBuilderIsNamedAsSuchAndAPerCallHeaderWinsOverIt() {
		respond(401, INVALID_KEY);
		ChatCompletionTemplate template = builder().build();

		assertThat(fail(MuleRunAuthenticationException.class, template, CallOptions.NONE).getMessage())
			.contains("The API key from the template builder's apiKey(...) was rejected");
		assertThat(fail(MuleRunAuthenticationException.class, template,
				CallOptions.builder().header("authorization", "Bearer sk-other").build())
			.getMessage()).contains("The API key from the Authorization header of this call's CallOptions was rejected")
			.doesNotContain("sk-other");
	}

	@Test
	void a403SaysTheKeyWasRejectedForThisRequest() {
		respond(403, "{\"error\":{\"message\":\"Not allowed\",\"type\":\"permission_denied\"}}");

		assertThat(fail(MuleRunPermissionDeniedException.class,
				builder().apiKeySource("the property mulerun.api-key").build(), CallOptions.NONE)
			.getMessage())
			.contains("The API key from the property mulerun.api-key was rejected for this "
					+ "request: it is known but not allowed to use this model or endpoint.");
	}

	@Test
	void a404NamesTheUrlCalledAndHowItWasPutTogether() {
		respond(404, "");
		String baseUrl = "http://localhost:" + this.server.port() + "/api";

		MuleRunNotFoundException ex = fail(MuleRunNotFoundException.class,
				builder().baseUrl(baseUrl).completionsPath("/chat/completions").build(), CallOptions.NONE);

		assertThat(ex.getMessage())
			.contains("The URL called was " + baseUrl + "/chat/completions, the base URL " + baseUrl
					+ " (mulerun.base-url) plus the completions path /chat/completions (mulerun.completions-path)");
	}

	@Test
	void aRefusedConnectionNamesTheHostThePortAndTheSettingBehindThem() {
		MuleRunConnectionException ex = fail(MuleRunConnectionException.class,
				builder().baseUrl("http://127.0.0.1:1").retrySettings(RetrySettings.none()).build(), CallOptions.NONE);

		assertThat(ex.getMessage()).startsWith("Could not connect to 127.0.0.1:1 (")
			.contains("the host and port come from the base URL http://127.0.0.1:1 (mulerun.base-url)");
	}

	@Test
	void aStreamGetsTheSameHints() {
		respond(401, INVALID_KEY);
		ChatCompletionTemplate template = builder().apiKeySource("the environment variable MULERUN_API_KEY").build();

		StepVerifier.create(template.streamText(ChatCompletionRequest.builder().userMessage("Hi").build()))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(MuleRunAuthenticationException.class)
				.hasMessageContaining("The API key from the environment variable MULERUN_API_KEY was rejected"))
			.verify(Duration.ofSeconds(10));
	}

	private void respond(int status, String body) {
		this.server.stubFor(post(anyUrl())
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private ChatCompletionTemplateBuilder builder() {
		return ChatCompletionTemplate.builder().baseUrl("http://localhost:" + this.server.port()).apiKey(KEY);
	}

	private static <T extends Throwable> T fail(Class<T> type, ChatCompletionTemplate template, CallOptions options) {
		return catchThrowableOfType(type,
				() -> template.create(ChatCompletionRequest.builder().userMessage("Hi").build(), options));
	}

}

package com.mulerun.chat.interceptor;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.Ordered;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DefaultsChatCompletionInterceptor}: defaults seen on the wire, and request values that win.
 */
class DefaultsChatCompletionInterceptorTests {

	static final String API_KEY = "sk-secret-test-key-123456";

	static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1715392980,"model":"gpt-5",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}]}
			""";

	static final String STREAM = """
			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":"stop"}]}

			data: [DONE]

			""";

	WireMockServer server;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	ChatCompletionTemplate template(DefaultsChatCompletionInterceptor defaults) {
		return ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(API_KEY)
			.retrySettings(RetrySettings.none())
			.interceptor(defaults)
			.build();
	}

	static DefaultsChatCompletionInterceptor defaults() {
		return DefaultsChatCompletionInterceptor.builder()
			.metadata("team", "search")
			.metadata("env", "prod")
			.user("service-user")
			.extra("top_k", 40)
			.extra("thinking", Map.of("type", "enabled"))
			.header("X-Tenant", "acme")
			.header("X-Feature", "a")
			.header("X-Feature", "b")
			.build();
	}

	LoggedRequest onlyRequest() {
		assertThat(this.server.getAllServeEvents()).hasSize(1);
		return this.server.getAllServeEvents().get(0).getRequest();
	}

	@Test
	void defaultsAreSentWithABlockingCall() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
		template(defaults()).create(ChatCompletionRequest.builder().userMessage("Hi").build());
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("X-Tenant", equalTo("acme"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withRequestBody(equalToJson("""
					{"model":"gpt-5","messages":[{"role":"user","content":"Hi"}],
					 "metadata":{"team":"search","env":"prod"},"user":"service-user",
					 "top_k":40,"thinking":{"type":"enabled"}}
					""")));
		assertThat(onlyRequest().header("X-Feature").values()).containsExactly("a", "b");
	}

	@Test
	void defaultsAreSentWithAStream() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		template(defaults()).stream(ChatCompletionRequest.builder().userMessage("Hi").build())
			.blockLast(Duration.ofSeconds(10));
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("X-Tenant", equalTo("acme"))
			.withRequestBody(equalToJson("""
					{"model":"gpt-5","messages":[{"role":"user","content":"Hi"}],
					 "stream":true,"stream_options":{"include_usage":true},
					 "metadata":{"team":"search","env":"prod"},"user":"service-user",
					 "top_k":40,"thinking":{"type":"enabled"}}
					""")));
	}

	@Test
	void requestValuesWinOverDefaultsAndMetadataIsMergedPerKey() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.userMessage("Hi")
			.metadata("env", "dev")
			.metadata("trace", "t-1")
			.user("alice")
			.extra("top_k", 5)
			.build();
		CallOptions options = CallOptions.builder().header("x-tenant", "other").build();
		template(defaults()).create(request, options);
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
				{"model":"gpt-5","messages":[{"role":"user","content":"Hi"}],
				 "metadata":{"team":"search","env":"dev","trace":"t-1"},"user":"alice",
				 "top_k":5,"thinking":{"type":"enabled"}}
				""")));
		LoggedRequest sent = onlyRequest();
		assertThat(sent.header("X-Tenant").values()).containsExactly("other");
		assertThat(sent.header("X-Feature").values()).containsExactly("a", "b");
	}

	@Test
	void aRequestThatAlreadyHasEveryDefaultIsPassedOnUnchanged() {
		DefaultsChatCompletionInterceptor defaults = DefaultsChatCompletionInterceptor.builder()
			.metadata("team", "search")
			.user("service-user")
			.extra("top_k", 40)
			.header("X-Tenant", "acme")
			.build();
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.userMessage("Hi")
			.metadata("team", "other")
			.user("alice")
			.extra("top_k", 1)
			.build();
		CallOptions options = CallOptions.builder().header("X-TENANT", "other").build();
		assertThat(defaults.apply(request)).isSameAs(request);
		assertThat(defaults.apply(options)).isSameAs(options);
	}

	@Test
	void anInterceptorWithoutDefaultsChangesNothing() {
		DefaultsChatCompletionInterceptor none = DefaultsChatCompletionInterceptor.builder().build();
		ChatCompletionRequest request = ChatCompletionRequest.builder().userMessage("Hi").build();
		assertThat(none.apply(request)).isSameAs(request);
		assertThat(none.apply(CallOptions.NONE)).isSameAs(CallOptions.NONE);
	}

	@Test
	void anExtraDefaultThatNamesADeclaredPropertyIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DefaultsChatCompletionInterceptor.builder().extra("temperature", 0.5).build())
			.withMessageContaining("'temperature'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DefaultsChatCompletionInterceptor.builder().extra("max_completion_tokens", 5).build())
			.withMessageContaining("'max_completion_tokens'");
	}

	@Test
	void theConstructorTakesTheSameDefaultsAsTheBuilder() {
		DefaultsChatCompletionInterceptor defaults = new DefaultsChatCompletionInterceptor(Map.of("team", "search"),
				"service-user", Map.of("top_k", 40), Map.of("X-Tenant", List.of("acme")));
		assertThat(defaults.metadata()).containsExactly(Map.entry("team", "search"));
		assertThat(defaults.user()).isEqualTo("service-user");
		assertThat(defaults.extra()).containsExactly(Map.entry("top_k", 40));
		assertThat(defaults.headers()).containsExactly(Map.entry("X-Tenant", List.of("acme")));
		assertThat(defaults.getOrder()).isEqualTo(DefaultsChatCompletionInterceptor.DEFAULT_ORDER);
	}

	@Test
	void theDefaultOrderIsEarlyAndCanBeChanged() {
		assertThat(DefaultsChatCompletionInterceptor.DEFAULT_ORDER).isLessThan(Ordered.LOWEST_PRECEDENCE)
			.isLessThan(LoggingChatCompletionInterceptor.DEFAULT_ORDER);
		assertThat(DefaultsChatCompletionInterceptor.builder().order(7).build().getOrder()).isEqualTo(7);
	}

	@Test
	void toStringRedactsCredentialHeaders() {
		DefaultsChatCompletionInterceptor defaults = DefaultsChatCompletionInterceptor.builder()
			.header("api-key", API_KEY)
			.header("X-Tenant", "acme")
			.build();
		assertThat(defaults.toString()).doesNotContain(API_KEY).contains("api-key=[redacted]", "X-Tenant=[acme]");
	}

}

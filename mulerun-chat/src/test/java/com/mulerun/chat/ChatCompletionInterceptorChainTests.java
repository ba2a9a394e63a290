package com.mulerun.chat;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.MessageContent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for the interceptor chain of {@link ChatCompletionTemplate} against WireMock:
 * order, request and option changes seen on the wire, stream transformation, and failures
 * of an interceptor.
 */
class ChatCompletionInterceptorChainTests {

	static final String API_KEY = "sk-secret-test-key-123456";

	static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1715392980,"model":"gpt-5",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How are you?"},
			 "finish_reason":"stop"}],
			 "usage":{"prompt_tokens":10,"completion_tokens":6,"total_tokens":16}}
			""";

	static final String STREAM = """
			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

			data: [DONE]

			""";

	static final Duration TIMEOUT = Duration.ofSeconds(10);

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

	ChatCompletionTemplate template(ChatCompletionInterceptor... interceptors) {
		return ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(API_KEY)
			.retrySettings(RetrySettings.none())
			.interceptors(List.of(interceptors))
			.build();
	}

	void stubCompletion() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
	}

	void stubStream() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
	}

	static ChatCompletionRequest hi() {
		return ChatCompletionRequest.builder().userMessage("Hi").build();
	}

	@Test
	void interceptorsRunInTheOrderTheyWereAddedWithTheFirstOutermostForBlockingCalls() {
		stubCompletion();
		List<String> events = new CopyOnWriteArrayList<>();
		ChatCompletionTemplate template = template(new Recording("a", events), new Recording("b", events),
				new Recording("c", events));
		template.create(hi());
		assertThat(events).containsExactly("a>", "b>", "c>", "c<", "b<", "a<");
		this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void interceptorsRunInTheOrderTheyWereAddedWithTheFirstOutermostForMonoCalls() {
		stubCompletion();
		List<String> events = new CopyOnWriteArrayList<>();
		ChatCompletionTemplate template = template(new Recording("a", events), new Recording("b", events),
				new Recording("c", events));
		Mono<ChatCompletion> mono = template.createMono(hi());
		assertThat(events).as("nothing runs before subscription").isEmpty();
		StepVerifier.create(mono).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(events).containsExactly("a>", "b>", "c>", "c<", "b<", "a<");
	}

	@Test
	void interceptorsRunInTheOrderTheyWereAddedWithTheFirstOutermostForStreams() {
		stubStream();
		List<String> events = new CopyOnWriteArrayList<>();
		ChatCompletionTemplate template = template(new Recording("a", events), new Recording("b", events),
				new Recording("c", events));
		StepVerifier.create(template.stream(hi())).expectNextCount(4).expectComplete().verify(TIMEOUT);
		assertThat(events).containsExactly("a>>", "b>>", "c>>", "c<<", "b<<", "a<<");
	}

	@Test
	void interceptorsRunOncePerCallAndAgainForEverySubscription() {
		stubCompletion();
		List<String> events = new CopyOnWriteArrayList<>();
		ChatCompletionTemplate template = template(new Recording("a", events));
		Mono<ChatCompletion> mono = template.createMono(hi());
		mono.block(TIMEOUT);
		mono.block(TIMEOUT);
		assertThat(events).containsExactly("a>", "a<", "a>", "a<");
		this.server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void requestAndHeaderChangesOfAnInterceptorAreSeenOnTheWire() {
		stubCompletion();
		ChatCompletionInterceptor mutating = new ChatCompletionInterceptor() {

			@Override
			public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
				return chain.proceed(request.mutate().model("gpt-4.1").temperature(0.2).extra("top_k", 40).build(),
						options.mutate().header("X-Tenant", "acme").build());
			}

		};
		template(mutating).create(hi());
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("X-Tenant", equalTo("acme"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withRequestBody(equalToJson("{\"model\":\"gpt-4.1\",\"temperature\":0.2,\"top_k\":40,"
					+ "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
	}

	@Test
	void streamRequestChangesOfAnInterceptorAreSeenOnTheWire() {
		stubStream();
		ChatCompletionInterceptor mutating = new ChatCompletionInterceptor() {

			@Override
			public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
					StreamChain chain) {
				return chain.proceed(request.mutate().metadata("trace", "t-1").build(),
						options.mutate().header("X-Tenant", "acme").build());
			}

		};
		template(mutating).stream(hi()).blockLast(TIMEOUT);
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("X-Tenant", equalTo("acme"))
			.withRequestBody(
					equalToJson("{\"model\":\"gpt-5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
							+ "\"metadata\":{\"trace\":\"t-1\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
	}

	@Test
	void anInterceptorCanTransformTheChunksOfAStream() {
		stubStream();
		ChatCompletionInterceptor upperCase = new ChatCompletionInterceptor() {

			@Override
			public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
					StreamChain chain) {
				return chain.proceed(request, options).map(ChatCompletionInterceptorChainTests::upperCase);
			}

		};
		List<String> text = template(upperCase).streamText(hi()).collectList().block(TIMEOUT);
		assertThat(text).containsExactly("HEL", "LO");
	}

	@Test
	void anInterceptorCanCutAStream() {
		stubStream();
		ChatCompletionInterceptor firstTwo = new ChatCompletionInterceptor() {

			@Override
			public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
					StreamChain chain) {
				return chain.proceed(request, options).take(2);
			}

		};
		StepVerifier.create(template(firstTwo).stream(hi()))
			.assertNext((chunk) -> assertThat(chunk.text()).isEmpty())
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("Hel"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void anInterceptorThatThrowsFailsOnlyThatCall() {
		stubCompletion();
		IllegalStateException failure = new IllegalStateException("interceptor failed");
		AtomicInteger calls = new AtomicInteger();
		ChatCompletionInterceptor throwing = new ChatCompletionInterceptor() {

			@Override
			public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
				if (calls.getAndIncrement() == 0) {
					throw failure;
				}
				return chain.proceed(request, options);
			}

		};
		ChatCompletionTemplate template = template(throwing);
		assertThatThrownBy(() -> template.create(hi())).isSameAs(failure);
		this.server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(template.create(hi()).content()).isEqualTo("Hello! How are you?");
		this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void anInterceptorThatReturnsAnErrorFailsOnlyThatCall() {
		stubCompletion();
		IllegalStateException failure = new IllegalStateException("interceptor refused");
		AtomicInteger calls = new AtomicInteger();
		ChatCompletionInterceptor refusing = new ChatCompletionInterceptor() {

			@Override
			public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
				return (calls.getAndIncrement() == 0) ? Mono.error(failure) : chain.proceed(request, options);
			}

		};
		ChatCompletionTemplate template = template(refusing);
		StepVerifier.create(template.createMono(hi()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isSameAs(failure))
			.verify(TIMEOUT);
		this.server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		StepVerifier.create(template.createMono(hi())).expectNextCount(1).expectComplete().verify(TIMEOUT);
		this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aStreamInterceptorThatThrowsFailsOnlyThatStream() {
		stubStream();
		IllegalStateException failure = new IllegalStateException("interceptor failed");
		AtomicInteger calls = new AtomicInteger();
		ChatCompletionInterceptor throwing = new ChatCompletionInterceptor() {

			@Override
			public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
					StreamChain chain) {
				if (calls.getAndIncrement() == 0) {
					throw failure;
				}
				return chain.proceed(request, options);
			}

		};
		ChatCompletionTemplate template = template(throwing);
		StepVerifier.create(template.stream(hi()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isSameAs(failure))
			.verify(TIMEOUT);
		this.server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		StepVerifier.create(template.stream(hi())).expectNextCount(4).expectComplete().verify(TIMEOUT);
		this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aStreamInterceptorThatReturnsAnErrorFailsOnlyThatStream() {
		stubStream();
		IllegalStateException failure = new IllegalStateException("interceptor refused");
		AtomicInteger calls = new AtomicInteger();
		ChatCompletionInterceptor refusing = new ChatCompletionInterceptor() {

			@Override
			public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
					StreamChain chain) {
				return (calls.getAndIncrement() == 0) ? Flux.error(failure) : chain.proceed(request, options);
			}

		};
		ChatCompletionTemplate template = template(refusing);
		StepVerifier.create(template.stream(hi()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isSameAs(failure))
			.verify(TIMEOUT);
		this.server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		StepVerifier.create(template.stream(hi())).expectNextCount(4).expectComplete().verify(TIMEOUT);
		this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	static ChatCompletionChunk upperCase(ChatCompletionChunk chunk) {
		if (chunk.choices() == null) {
			return chunk;
		}
		List<ChunkChoice> choices = chunk.choices().stream().map((choice) -> {
			Delta delta = choice.delta();
			if (delta == null || delta.content() == null) {
				return choice;
			}
			Delta upper = new Delta(delta.role(), MessageContent.of(delta.text().toUpperCase(Locale.ROOT)),
					delta.refusal(), delta.toolCalls(), delta.functionCall(), delta.reasoningContent(),
					delta.reasoning(), delta.audio(), delta.extra());
			return new ChunkChoice(choice.index(), upper, choice.logprobs(), choice.finishReason(), choice.extra());
		}).toList();
		return chunk.mutate().choices(choices).build();
	}

	/**
	 * Records when it passes a call on ({@code >}) and when the call's result passes back
	 * ({@code <}).
	 */
	static final class Recording implements ChatCompletionInterceptor {

		private final String name;

		private final List<String> events;

		Recording(String name, List<String> events) {
			this.name = name;
			this.events = events;
		}

		@Override
		public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
			this.events.add(this.name + ">");
			return chain.proceed(request, options).doOnNext((completion) -> this.events.add(this.name + "<"));
		}

		@Override
		public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
				StreamChain chain) {
			this.events.add(this.name + ">>");
			return chain.proceed(request, options).doOnComplete(() -> this.events.add(this.name + "<<"));
		}

	}

}

package com.mulerun.chat.structured;

import java.time.Duration;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.structured.SampleTypes.LineItem;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link StructuredOutput} over scripted operations: {@code streamEntities}
 * emits an element as soon as its JSON is complete, before the rest of the stream has
 * arrived, and only {@code MuleRunException}s reach the caller.
 */
class StructuredOutputStreamingTests {

	private final Sinks.Many<ChatCompletionChunk> chunks = Sinks.many().unicast().onBackpressureBuffer();

	private final StructuredOutput structuredOutput = new StructuredOutput(new StreamingOperations(), ChatJson.mapper(),
			"gpt-5", StructuredOutputSettings.DEFAULTS, ObservationRegistry.NOOP);

	@Test
	void elementIsEmittedBeforeTheNextChunkArrives() {
		StepVerifier
			.create(this.structuredOutput.streamEntities(ChatCompletionRequest.builder().userMessage("x").build(),
					LineItem.class, CallOptions.NONE))
			.then(() -> emit("{\"items\":[{\"sku\":\"A\",\"quantity\":1,"))
			.then(() -> emit("\"price\":1.5},{\"sku\":\"B\""))
			.expectNext(new LineItem("A", 1, 1.5))
			.then(() -> emit(",\"quantity\":2,\"price\":2.5}]}"))
			.expectNext(new LineItem("B", 2, 2.5))
			.then(this.chunks::tryEmitComplete)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aFailureThatIsNoMuleRunExceptionReachesTheCallerAsOne() {
		StepVerifier
			.create(this.structuredOutput.createEntity(ChatCompletionRequest.builder().userMessage("x").build(),
					LineItem.class, CallOptions.NONE))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(MuleRunException.class)
				.hasMessageContaining("Structured output failed")
				.hasCauseInstanceOf(UnsupportedOperationException.class))
			.verify(Duration.ofSeconds(5));
	}

	private void emit(String content) {
		String json = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
				+ ChatJson.mapper().writeValueAsString(content) + "}}]}";
		assertThat(this.chunks.tryEmitNext(ChatJson.mapper().readValue(json, ChatCompletionChunk.class)).isSuccess())
			.isTrue();
	}

	/**
	 * Operations whose stream is the test's sink.
	 */
	private final class StreamingOperations implements ChatCompletionOperations {

		@Override
		public ChatCompletion create(ChatCompletionRequest request, CallOptions options) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<ChatCompletion> createMono(ChatCompletionRequest request, CallOptions options) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Flux<ChatCompletionChunk> stream(ChatCompletionRequest request, CallOptions options) {
			return StructuredOutputStreamingTests.this.chunks.asFlux();
		}

		@Override
		public <T> Mono<ChatEntity<T>> createEntityMono(ChatCompletionRequest request,
				ParameterizedTypeReference<T> type, CallOptions options) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public <T> Flux<T> streamEntities(ChatCompletionRequest request, Class<T> elementType, CallOptions options) {
			return Flux.error(new UnsupportedOperationException());
		}

	}

}

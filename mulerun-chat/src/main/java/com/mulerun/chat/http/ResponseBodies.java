package com.mulerun.chat.http;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.error.ApiErrors;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunMalformedResponseException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.stream.ChunkStreamReader;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import com.mulerun.chat.stream.CompletionChunks;
import com.mulerun.chat.stream.LargeValueReader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Reads whole response bodies: a completion, an error body in any gateway shape, or the
 * body of a response that should have been an event stream and is not. Every failure is a
 * typed exception with the status and request id.
 */
final class ResponseBodies {

	private static final Logger logger = LoggerFactory.getLogger(ResponseBodies.class);

	private final ObjectReader completionReader;

	private final int maxResponseSize;

	private final ErrorHints hints;

	ResponseBodies(JsonMapper jsonMapper, int maxResponseSize, ErrorHints hints) {
		this.completionReader = jsonMapper.readerFor(ChatCompletion.class);
		this.maxResponseSize = maxResponseSize;
		this.hints = hints;
	}

	/**
	 * Reads a completion, or fails with the error the body describes.
	 * @param response the response
	 * @param options the call's options
	 * @return the completion
	 */
	Mono<ChatCompletion> completion(ClientResponse response, CallOptions options) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		// the body travels in a holder that the parse empties, so that nothing up the
		// Reactor chain keeps a large body reachable while its strings are built (issue
		// 12)
		return body(response).map((body) -> {
			if (status >= 400) {
				throw ApiErrors.create(status, headers, Objects.requireNonNull(body.get()),
						this.hints.forStatus(status, options));
			}
			return parseCompletion(status, headers, body);
		});
	}

	/**
	 * Reads the body of a response to a stream request that is not an event stream. A
	 * JSON chat completion (some gateways answer from a cache that way) is streamed as
	 * the equivalent chunks; anything else fails with what it describes: an error status
	 * or envelope, or a malformed response.
	 * @param response the response
	 * @param aggregateSink receives the aggregate of the chunks of a JSON completion
	 * @param options the call's options
	 * @return the chunks of a JSON completion, else a failed stream
	 */
	Flux<ChatCompletionChunk> notAnEventStream(ClientResponse response,
			Consumer<ChatCompletionAggregator> aggregateSink, CallOptions options) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		MediaType contentType = headers.getContentType();
		return bytes(response).flatMapMany((bytes) -> {
			if (status >= 400) {
				return Flux.error(ApiErrors.create(status, headers, bytes, this.hints.forStatus(status, options)));
			}
			MuleRunApiException error = ApiErrors.fromSuccessBody(status, headers, bytes);
			if (error != null) {
				return Flux.error(error);
			}
			if (contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
				return completionAsChunks(status, headers, bytes, aggregateSink);
			}
			return Flux.error(
					new MuleRunMalformedResponseException("expected an event stream but the response is " + contentType,
							status, ApiErrors.requestId(headers), bytes, null));
		});
	}

	private Flux<ChatCompletionChunk> completionAsChunks(int status, HttpHeaders headers, byte[] bytes,
			Consumer<ChatCompletionAggregator> aggregateSink) {
		ChatCompletion completion = parseCompletion(status, headers, bytes);
		List<ChatCompletionChunk> chunks = CompletionChunks.of(completion);
		if (logger.isDebugEnabled()) {
			logger.debug("A stream request was answered with a JSON chat completion (" + bytes.length
					+ " bytes, request id " + ApiErrors.requestId(headers) + "); streaming it as " + chunks.size()
					+ " equivalent chunks");
		}
		ChatCompletionAggregator aggregate = new ChatCompletionAggregator();
		chunks.forEach(aggregate::add);
		aggregateSink.accept(aggregate);
		return Flux.fromIterable(chunks);
	}

	/**
	 * Tells whether a response can be read as an event stream.
	 * @param response the response
	 * @return whether the status is a success and the content type, if any, is
	 * {@code text/event-stream}
	 */
	static boolean isEventStream(ClientResponse response) {
		if (response.statusCode().value() >= 400) {
			return false;
		}
		MediaType contentType = response.headers().asHttpHeaders().getContentType();
		return contentType == null || MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType);
	}

	private ChatCompletion parseCompletion(int status, HttpHeaders headers, byte[] bytes) {
		return parseCompletion(status, headers, new AtomicReference<>(bytes));
	}

	/**
	 * Parses a body a holder hands over: a large one is replaced there by its copy
	 * without its long string values before their strings are built (see
	 * {@link LargeValueReader}), and what the holder keeps reports a failure.
	 */
	private ChatCompletion parseCompletion(int status, HttpHeaders headers, AtomicReference<byte[]> body) {
		@Nullable ChatCompletion completion;
		int length = Objects.requireNonNull(body.get()).length;
		try {
			completion = (length < LargeValueReader.LARGE_DOCUMENT)
					? this.completionReader.readValue(Objects.requireNonNull(body.get()))
					: LargeValueReader.read(this.completionReader, body, 0, length);
		}
		catch (JacksonException ex) {
			throw malformed(status, headers, Objects.requireNonNull(body.get()),
					"the body is not a valid chat completion (" + ex.getOriginalMessage() + ")", ex);
		}
		byte[] bytes = Objects.requireNonNull(body.get());
		if (completion == null || ChunkStreamReader.containsNull(completion.choices())) {
			throw new MuleRunMalformedResponseException("the body is not a valid chat completion ("
					+ ((completion == null) ? "null" : "a null choice") + ")", status, ApiErrors.requestId(headers),
					bytes, null);
		}
		if (completion.choices() == null) {
			throw malformed(status, headers, bytes, "the body has no choices", null);
		}
		return completion;
	}

	/**
	 * Returns the error a success body stands for: the provider's error envelope when it
	 * is one, else a malformed-response exception with the given detail.
	 */
	private static RuntimeException malformed(int status, HttpHeaders headers, byte[] bytes, String detail,
			@Nullable Throwable cause) {
		MuleRunApiException error = ApiErrors.fromSuccessBody(status, headers, bytes);
		if (error != null) {
			return error;
		}
		return new MuleRunMalformedResponseException(detail, status, ApiErrors.requestId(headers), bytes, cause);
	}

	private Mono<byte[]> bytes(ClientResponse response) {
		return body(response).map((body) -> Objects.requireNonNull(body.get()));
	}

	private Mono<AtomicReference<byte[]>> body(ClientResponse response) {
		AtomicLong seen = new AtomicLong();
		Flux<DataBuffer> body = response.body(BodyExtractors.toDataBuffers())
			.doOnNext((buffer) -> seen.addAndGet(buffer.readableByteCount()));
		return DataBufferUtils.join(body, this.maxResponseSize).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return new AtomicReference<>(bytes);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.defaultIfEmpty(new AtomicReference<>(new byte[0]))
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge(response, seen.get(), ex));
	}

	/**
	 * Describes a body over the limit: the limit, the property that sets it, and the size
	 * seen (announced by {@code Content-Length}, else what arrived before reading
	 * stopped).
	 */
	private MuleRunMalformedResponseException tooLarge(ClientResponse response, long seen, Throwable cause) {
		HttpHeaders headers = response.headers().asHttpHeaders();
		long announced = headers.getContentLength();
		String size = (announced > this.maxResponseSize) ? announced + " bytes announced by Content-Length"
				: "at least " + seen + " bytes arrived";
		return MuleRunMalformedResponseException.bodyNotKept(
				"the body is over the limit of " + this.maxResponseSize + " bytes (mulerun.http.max-in-memory-size): "
						+ size + "; raise the limit if the server legitimately sends bodies this large",
				response.statusCode().value(), ApiErrors.requestId(headers), cause);
	}

}

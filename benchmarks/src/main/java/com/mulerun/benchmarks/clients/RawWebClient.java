package com.mulerun.benchmarks.clients;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mulerun.benchmarks.Payloads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The floor of a WebClient design: Spring's {@link WebClient} with its default Jackson 3
 * codecs, minimal records, {@code bodyToMono} for a completion and
 * {@code bodyToFlux(ServerSentEvent<String>)} plus
 * {@link JsonMapper#readValue(String, Class)} per event for a stream. No retries,
 * timeouts, validation, observation or error mapping. Its connection pool is sized like
 * the template's (500 connections, unbounded pending acquires) so that pool limits do not
 * decide the comparison; unlike the template it does not ask for gzip.
 */
public final class RawWebClient implements AutoCloseable {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	private final ConnectionProvider connections;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final RawRequest request = new RawRequest(Payloads.MODEL,
			List.of(new RawMessage("system", Payloads.SYSTEM_PROMPT), new RawMessage("user", Payloads.USER_PROMPT)),
			null, null);

	private final RawRequest streamRequest = new RawRequest(Payloads.MODEL, this.request.messages(), true,
			new RawStreamOptions(true));

	/**
	 * Creates the client.
	 * @param baseUrl the base URL of the endpoint
	 * @param apiKey the API key
	 */
	public RawWebClient(String baseUrl, String apiKey) {
		this.connections = ConnectionProvider.builder("raw")
			.maxConnections(500)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		this.webClient = WebClient.builder()
			.baseUrl(baseUrl)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.connections)))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
			.build();
	}

	/**
	 * Returns the subjects of this client.
	 * @return the subjects
	 */
	public List<Subject> subjects() {
		return List.of(Subject.reactiveCompletion("raw WebClient", "bodyToMono", this::complete),
				Subject.blockingCompletion("raw WebClient", "bodyToMono().block()", () -> complete().block()),
				Subject.reactiveStream("raw WebClient", "bodyToFlux(SSE)", this::stream));
	}

	private Mono<String> complete() {
		return this.webClient.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(this.request)
			.retrieve()
			.bodyToMono(RawCompletion.class)
			.map((completion) -> completion.choices().get(0).message().content());
	}

	private Flux<Integer> stream() {
		return this.webClient.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(this.streamRequest)
			.retrieve()
			.bodyToFlux(SSE)
			.takeWhile((event) -> !"[DONE]".equals(event.data()))
			.map((event) -> {
				RawChunk chunk = this.mapper.readValue(event.data(), RawChunk.class);
				if (chunk.choices() == null || chunk.choices().isEmpty()) {
					return 0;
				}
				RawDelta delta = chunk.choices().get(0).delta();
				return (delta != null && delta.content() != null) ? delta.content().length() : 0;
			});
	}

	@Override
	public void close() {
		this.connections.disposeLater().block(Duration.ofSeconds(5));
	}

	/** The request. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record RawRequest(String model, List<RawMessage> messages, Boolean stream,
			@JsonProperty("stream_options") RawStreamOptions streamOptions) {
	}

	/** A message. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RawMessage(String role, String content) {
	}

	/** Stream options. */
	public record RawStreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
	}

	/** A completion. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RawCompletion(String id, List<RawChoice> choices, RawUsage usage) {
	}

	/** A choice of a completion. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RawChoice(int index, RawMessage message, @JsonProperty("finish_reason") String finishReason) {
	}

	/** Token usage. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RawUsage(@JsonProperty("prompt_tokens") int promptTokens,
			@JsonProperty("completion_tokens") int completionTokens, @JsonProperty("total_tokens") int totalTokens) {
	}

	/** A chunk of a stream. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RawChunk(String id, List<RawChunkChoice> choices, RawUsage usage) {
	}

	/** A choice of a chunk. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RawChunkChoice(int index, RawDelta delta, @JsonProperty("finish_reason") String finishReason) {
	}

	/** A delta. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RawDelta(String role, String content) {
	}

}

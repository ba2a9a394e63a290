package com.mulerun.chat;

import com.mulerun.chat.TemplateTestSupport.MeteredPool;
import com.mulerun.chat.TemplateTestSupport.WarningCapture;
import com.mulerun.chat.model.ChatCompletionChunk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import static com.mulerun.chat.TemplateTestSupport.REQUEST;
import static com.mulerun.chat.TemplateTestSupport.await;
import static com.mulerun.chat.TemplateTestSupport.awaitStable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling streams and reading them slowly against a local Reactor Netty server: every
 * cancelled stream gives its connection back (the server sees it closed and the client
 * pool lends out none), nothing is logged, and a subscriber that requests one chunk at a
 * time makes the client stop reading instead of buffering.
 */
class ChatCompletionTemplateCancellationTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final String CHUNK = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,"
			+ "\"delta\":{\"content\":\"t\"}}]}\n\n";

	/**
	 * Starts a server on an ephemeral loopback port that counts its open connections and
	 * answers every request with the given event stream.
	 */
	private static DisposableServer server(AtomicInteger openConnections, Publisher<String> events) {
		return HttpServer.create().host("127.0.0.1").port(0).doOnConnection((connection) -> {
			openConnections.incrementAndGet();
			connection.onDispose(openConnections::decrementAndGet);
		})
			.handle((HttpServerRequest request, HttpServerResponse response) -> response
				.header("Content-Type", "text/event-stream")
				.sendString(events))
			.bindNow();
	}

	private static ChatCompletionTemplate template(DisposableServer server, MeteredPool pool) {
		return ChatCompletionTemplate.builder()
			.baseUrl("http://127.0.0.1:" + server.port())
			.retrySettings(RetrySettings.none())
			.clientConnector(pool.connector())
			.build();
	}

	@Test
	void aThousandStreamsCancelledAfterTheirFirstChunkLeaveNoConnectionOpenAndLogNothing() {
		AtomicInteger open = new AtomicInteger();
		// one chunk at once, then a chunk every 50 ms for as long as the client listens
		Flux<String> slow = Flux.concat(Mono.just(CHUNK), Flux.interval(Duration.ofMillis(50)).map((tick) -> CHUNK));
		DisposableServer server = server(open, slow);
		try (MeteredPool pool = new MeteredPool("cancellation", 64); WarningCapture warnings = new WarningCapture()) {
			ChatCompletionTemplate template = template(server, pool);

			List<ChatCompletionChunk> firsts = Flux.range(0, 1000)
				.flatMap((i) -> template.stream(REQUEST).take(1), 32)
				.collectList()
				.block(BLOCK);

			assertThat(firsts).hasSize(1000).allSatisfy((chunk) -> assertThat(chunk.text()).isEqualTo("t"));
			await(Duration.ofSeconds(10), "the server sees every connection closed", () -> open.get() == 0);
			pool.awaitNoneAcquired();
			assertThat(warnings.messages()).isEmpty();
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void aStreamDisposedAfterItsFirstChunkClosesItsConnection() {
		AtomicInteger open = new AtomicInteger();
		DisposableServer server = server(open,
				Flux.concat(Mono.just(CHUNK), Flux.interval(Duration.ofMillis(50)).map((tick) -> CHUNK)));
		try (MeteredPool pool = new MeteredPool("dispose", 4)) {
			AtomicInteger received = new AtomicInteger();
			reactor.core.Disposable subscription = template(server, pool).stream(REQUEST)
				.subscribe((chunk) -> received.incrementAndGet());
			await(BLOCK, "the first chunk arrives", () -> received.get() >= 1);
			assertThat(open.get()).isOne();
			assertThat(pool.acquired()).isOne();

			subscription.dispose();

			await(BLOCK, "the server sees the connection closed", () -> open.get() == 0);
			pool.awaitNoneAcquired();
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void aSubscriberRequestingOneChunkAtATimeIsServedWithoutUnboundedBuffering() {
		AtomicInteger open = new AtomicInteger();
		AtomicLong produced = new AtomicLong();
		// as many chunks as the connection takes, never ending
		Flux<String> endless = Flux.<String>generate((sink) -> sink.next(CHUNK))
			.doOnNext((chunk) -> produced.incrementAndGet());
		DisposableServer server = server(open, endless);
		try (MeteredPool pool = new MeteredPool("backpressure", 4)) {
			ChatCompletionTemplate template = template(server, pool);

			StepVerifier.create(template.streamText(REQUEST), 1)
				.expectNext("t")
				.thenRequest(1)
				.expectNext("t")
				.thenRequest(3)
				.expectNext("t", "t", "t")
				.then(() -> {
					// the server can write only until the connection's buffers are full
					long settled = awaitStable(Duration.ofMillis(300), Duration.ofSeconds(5), produced::get);
					assertThat(settled).isLessThan(400_000);
				})
				.thenRequest(2)
				.expectNext("t", "t")
				.thenCancel()
				.verify(BLOCK);

			await(BLOCK, "the server sees the connection closed", () -> open.get() == 0);
			pool.awaitNoneAcquired();
		}
		finally {
			server.disposeNow();
		}
	}

}

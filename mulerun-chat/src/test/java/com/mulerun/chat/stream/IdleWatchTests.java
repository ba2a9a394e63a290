package com.mulerun.chat.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Tests for {@link IdleWatch}: the idle signal, the cancellation of the body it ends, and
 * the timer it leaves behind when the body ends first.
 */
class IdleWatchTests {

	private static final Duration IDLE = Duration.ofSeconds(10);

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	@Test
	void aBodyThatSendsNothingWhileTheSubscriberWaitsIsCancelledAndFailsWithTheIdleSignal() {
		TestPublisher<DataBuffer> body = TestPublisher.create();
		IdleWatch watch = new IdleWatch(IDLE, this.clock);
		StepVerifier.create(watch.watch(body.flux()).doOnRequest(watch::requested))
			.then(() -> this.clock.advanceTimeBy(IDLE.minusMillis(1)))
			.expectNoEvent(Duration.ZERO)
			.then(() -> this.clock.advanceTimeBy(Duration.ofMillis(1)))
			.expectError(IdleWatch.IdleSignal.class)
			.verify(Duration.ofSeconds(5));
		body.assertCancelled();
	}

	@Test
	void dataThatKeepsArrivingPostponesTheSignalAndABodyThatEndsLeavesNoTimer() {
		TestPublisher<DataBuffer> body = TestPublisher.create();
		IdleWatch watch = new IdleWatch(IDLE, this.clock);
		StepVerifier
			.create(watch.watch(body.flux()).doOnRequest(watch::requested).doOnNext((read) -> watch.delivered()))
			.then(() -> this.clock.advanceTimeBy(Duration.ofSeconds(6)))
			.then(() -> body.next(read("a")))
			.expectNextCount(1)
			.then(() -> this.clock.advanceTimeBy(Duration.ofSeconds(6)))
			.then(() -> body.next(read("b")))
			.expectNextCount(1)
			.then(body::complete)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		this.clock.advanceTimeBy(IDLE.multipliedBy(3));
		body.assertNotCancelled();
	}

	@Test
	void aCancelledStreamCancelsTheBodyAndNeverSignals() {
		TestPublisher<DataBuffer> body = TestPublisher.create();
		IdleWatch watch = new IdleWatch(IDLE, this.clock);
		StepVerifier.create(watch.watch(body.flux()).doOnRequest(watch::requested))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		body.assertCancelled();
		this.clock.advanceTimeBy(IDLE.multipliedBy(3));
	}

	private static DataBuffer read(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}

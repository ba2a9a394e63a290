package com.mulerun.chat.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResponseDeadline}.
 */
class ResponseDeadlineTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private final ResponseDeadline deadline = new ResponseDeadline(TIMEOUT, this.clock,
			() -> new IllegalStateException("response timeout"));

	@Test
	void failsAndCancelsTheExchangeWhenTheHeadersDoNotArriveInTime() {
		TestPublisher<String> exchange = TestPublisher.createCold();
		StepVerifier.create(this.deadline.apply(exchange.flux()))
			.then(() -> this.clock.advanceTimeBy(TIMEOUT.minusMillis(1)))
			.expectNoEvent(Duration.ZERO)
			.then(() -> this.clock.advanceTimeBy(Duration.ofMillis(1)))
			.expectErrorMessage("response timeout")
			.verify(Duration.ofSeconds(5));
		exchange.assertCancelled();
		// headers that arrive afterwards must not be read
		assertThat(this.deadline.arrive()).isFalse();
		assertThat(this.deadline.arrived()).isFalse();
	}

	@Test
	void onceTheHeadersArrivedTheTimerHasNoEffect() {
		TestPublisher<String> exchange = TestPublisher.create();
		StepVerifier.create(this.deadline.apply(exchange.flux()))
			.then(() -> assertThat(this.deadline.arrive()).isTrue())
			.then(() -> exchange.next("a"))
			.expectNext("a")
			.then(() -> this.clock.advanceTimeBy(TIMEOUT.multipliedBy(3)))
			.then(() -> exchange.next("b", "c"))
			.expectNext("b", "c")
			.then(exchange::complete)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.deadline.arrived()).isTrue();
		assertThat(this.deadline.arrive()).isTrue();
	}

	@Test
	void aSingleResponseExchangeTimesOutAndIsCancelledTheSameWay() {
		TestPublisher<String> exchange = TestPublisher.createCold();
		StepVerifier.create(this.deadline.apply(exchange.mono()))
			.then(() -> this.clock.advanceTimeBy(TIMEOUT.minusMillis(1)))
			.expectNoEvent(Duration.ZERO)
			.then(() -> this.clock.advanceTimeBy(Duration.ofMillis(1)))
			.expectErrorMessage("response timeout")
			.verify(Duration.ofSeconds(5));
		exchange.assertCancelled();
		assertThat(this.deadline.arrive()).isFalse();
	}

	@Test
	void aSingleResponseThatArrivedInTimeIsDeliveredAfterTheTimeout() {
		TestPublisher<String> exchange = TestPublisher.create();
		StepVerifier.create(this.deadline.apply(exchange.mono()))
			.then(() -> assertThat(this.deadline.arrive()).isTrue())
			.then(() -> this.clock.advanceTimeBy(TIMEOUT.multipliedBy(3)))
			.then(() -> exchange.emit("answer"))
			.expectNext("answer")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void anErrorBeforeTheHeadersPassesOnAndStopsTheTimer() {
		TestPublisher<String> exchange = TestPublisher.create();
		StepVerifier.create(this.deadline.apply(exchange.flux()))
			.then(() -> exchange.error(new IllegalArgumentException("refused")))
			.expectErrorMessage("refused")
			.verify(Duration.ofSeconds(5));
		this.clock.advanceTimeBy(TIMEOUT.multipliedBy(2));
		// the timer did not run: it would have expired the deadline
		assertThat(this.deadline.arrive()).isTrue();
	}

	@Test
	void aCancelStopsTheTimerAndTheExchange() {
		TestPublisher<String> exchange = TestPublisher.create();
		AtomicInteger errors = new AtomicInteger();
		this.deadline.apply(exchange.flux()).doOnError((error) -> errors.incrementAndGet()).subscribe().dispose();
		exchange.assertCancelled();
		this.clock.advanceTimeBy(TIMEOUT.multipliedBy(2));
		assertThat(errors).hasValue(0);
		assertThat(this.deadline.arrive()).isTrue();
	}

	@Test
	void passesDemandThrough() {
		Flux<Integer> exchange = Flux.range(1, 10).doOnSubscribe((subscription) -> this.deadline.arrive());
		StepVerifier.create(this.deadline.apply(exchange), 2)
			.expectNext(1, 2)
			.thenRequest(3)
			.expectNext(3, 4, 5)
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

}

package com.mulerun.test;

import com.mulerun.chat.model.ChatCompletionRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A registered answer of {@link MockMuleRunServer}: a condition on the request and the
 * responses to give, in order (the last one repeats). Stubs are checked in the order they
 * were registered and the first that matches and is not used up answers.
 */
public final class Stub {

	private final String description;

	private final Predicate<ChatCompletionRequest> condition;

	private final List<Function<ChatCompletionRequest, MockResponse>> responses;

	private final AtomicInteger uses = new AtomicInteger();

	private volatile int maxUses = Integer.MAX_VALUE;

	Stub(String description, Predicate<ChatCompletionRequest> condition,
			List<Function<ChatCompletionRequest, MockResponse>> responses) {
		this.description = description;
		this.condition = condition;
		this.responses = List.copyOf(responses);
	}

	/**
	 * Limits how many requests this stub answers; after that it is skipped and the next
	 * matching stub answers.
	 * @param times the number of requests, at least 1
	 * @return this stub
	 */
	public Stub times(int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1 (was " + times + ")");
		}
		this.maxUses = times;
		return this;
	}

	/**
	 * Makes this stub answer one request only.
	 * @return this stub
	 */
	public Stub once() {
		return times(1);
	}

	/**
	 * Returns how many requests this stub has answered.
	 * @return the count
	 */
	public int matchCount() {
		return Math.min(this.uses.get(), this.maxUses);
	}

	/**
	 * Returns a description of the condition, such as
	 * {@code last user message contains "refund"}.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Claims this stub for a request.
	 * @param request the request
	 * @return the response to give, or {@code null} when the stub does not match or is
	 * used up
	 */
	@Nullable MockResponse answer(ChatCompletionRequest request) {
		if (this.uses.get() >= this.maxUses || !this.condition.test(request)) {
			return null;
		}
		int use = this.uses.getAndIncrement();
		if (use >= this.maxUses) {
			return null;
		}
		return this.responses.get(Math.min(use, this.responses.size() - 1)).apply(request);
	}

	@Override
	public String toString() {
		return "Stub[when " + this.description + ", answered " + matchCount() + "]";
	}

}

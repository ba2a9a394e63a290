package com.mulerun.samples.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A conversation: every question is sent with the turns before it, its answer streams to
 * standard output, and the usage and latency follow on standard error.
 * {@link #stopAnswer()} cuts the current answer short.
 */
final class Conversation {

	private final ChatCompletionOperations chat;

	private final PrintStream out;

	private final PrintStream err;

	private final WaitingIndicator waiting;

	private final List<ChatMessage> history = new ArrayList<>();

	private final AtomicReference<@Nullable Runnable> stopCurrent = new AtomicReference<>();

	private String model;

	Conversation(ChatCompletionOperations chat, String model, PrintStream out, PrintStream err,
			WaitingIndicator waiting) {
		this.chat = chat;
		this.model = model;
		this.out = out;
		this.err = err;
		this.waiting = waiting;
	}

	String model() {
		return this.model;
	}

	void model(String model) {
		this.model = model;
	}

	/**
	 * Forgets the turns so far.
	 */
	void reset() {
		this.history.clear();
	}

	/**
	 * Stops the answer that is streaming, if any.
	 * @return whether an answer was streaming
	 */
	boolean stopAnswer() {
		Runnable stop = this.stopCurrent.getAndSet(null);
		if (stop != null) {
			stop.run();
		}
		return stop != null;
	}

	/**
	 * Asks a question and streams the answer.
	 * @param question the question
	 * @return how it ended
	 */
	Outcome ask(String question) {
		this.history.add(ChatMessage.user(question));
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model(this.model)
			.messages(this.history)
			.build();
		StringBuilder answer = new StringBuilder();
		AtomicReference<@Nullable Usage> usage = new AtomicReference<>();
		AtomicLong firstToken = new AtomicLong();
		long start = System.nanoTime();
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.waiting.start("waiting for " + this.model);
		Disposable subscription = this.chat.stream(request).subscribe((chunk) -> {
			String text = chunk.text();
			if (text != null && !text.isEmpty()) {
				if (firstToken.compareAndSet(0, System.nanoTime())) {
					this.waiting.stop();
				}
				answer.append(text);
				this.out.print(text);
				this.out.flush();
			}
			remember(chunk, usage);
		}, done::completeExceptionally, () -> done.complete(null));
		this.stopCurrent.set(() -> {
			subscription.dispose();
			done.cancel(false);
		});
		try {
			done.join();
			this.out.println();
			this.err.println(usageLine(usage.get(), firstToken.get() - start, System.nanoTime() - start));
			return Outcome.ANSWERED;
		}
		catch (CancellationException ex) {
			this.out.println();
			this.err.println("[stopped] the answer was cut short; the conversation keeps what arrived");
			return Outcome.STOPPED;
		}
		catch (CompletionException ex) {
			if (!answer.isEmpty()) {
				this.out.println();
			}
			this.err.println("[error] " + ex.getCause().getMessage());
			return Outcome.FAILED;
		}
		finally {
			this.stopCurrent.set(null);
			this.waiting.stop();
			if (!answer.isEmpty()) {
				this.history.add(ChatMessage.assistant(answer.toString()));
			}
			else {
				// nothing to answer to: the question can be asked again
				this.history.remove(this.history.size() - 1);
			}
		}
	}

	private static void remember(ChatCompletionChunk chunk, AtomicReference<@Nullable Usage> usage) {
		if (chunk.usage() != null) {
			usage.set(chunk.usage());
		}
	}

	static String usageLine(@Nullable Usage usage, long firstTokenNanos, long totalNanos) {
		String tokens = (usage != null) ? "prompt=" + count(usage.promptTokens()) + " completion="
				+ count(usage.completionTokens()) + " total=" + count(usage.totalTokens()) + " tokens"
				: "tokens not reported";
		String firstToken = (firstTokenNanos > 0) ? ", first token after " + seconds(firstTokenNanos) : "";
		return "[usage] " + tokens + firstToken + ", answered in " + seconds(totalNanos);
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
	}

	private static String count(@Nullable Integer tokens) {
		return (tokens != null) ? tokens.toString() : "?";
	}

	/**
	 * How a question ended.
	 */
	enum Outcome {

		/** The whole answer arrived. */
		ANSWERED,

		/** The answer was stopped on request. */
		STOPPED,

		/** The call failed. */
		FAILED

	}

}

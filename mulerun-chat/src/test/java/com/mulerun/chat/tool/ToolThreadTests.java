package com.mulerun.chat.tool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.tool.ToolLoopTests.ThreadSeen;
import com.mulerun.chat.tool.ToolLoopTests.WeatherTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static com.mulerun.chat.tool.ScriptedModel.answer;
import static com.mulerun.chat.tool.ScriptedModel.call;
import static com.mulerun.chat.tool.ScriptedModel.toolCalls;
import static com.mulerun.chat.tool.ToolLoopTests.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which thread a tool runs on: a blocking {@code create} runs a blocking tool on the
 * caller's thread, a reactive call on a worker (never an event loop), several calls of a
 * round in parallel on workers, and a scheduler of the tools wins; a tool on the caller's
 * thread is still cancelled at its timeout.
 */
class ToolThreadTests {

	final ScriptedModel model = new ScriptedModel();

	final ChatCompletionTemplate template = this.model.templateBuilder().build();

	final WeatherTools weather = new WeatherTools();

	@AfterEach
	void stop() {
		this.template.close();
		this.model.close();
	}

	@Test
	void aBlockingCreateRunsABlockingToolOnTheCallersThread() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")),
				toolCalls(call("c2", "weather", "{\"city\":\"Rome\"}")), answer("Sunny."));

		ChatCompletion completion = this.template.create(REQUEST,
				CallOptions.builder().tools(ChatTools.from(this.weather)).build());

		assertThat(completion.content()).isEqualTo("Sunny.");
		assertThat(this.weather.threads).extracting(ThreadSeen::name)
			.containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName());
	}

	@Test
	void aReactiveCallRunsABlockingToolOnAWorkerNeverOnAnEventLoop() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")), answer("Sunny."));

		StepVerifier
			.create(this.template.createMono(REQUEST,
					CallOptions.builder().tools(ChatTools.from(this.weather)).build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		assertThat(this.weather.threads).singleElement().satisfies((thread) -> {
			assertThat(thread.nonBlocking()).isFalse();
			assertThat(thread.name()).startsWith("boundedElastic");
		});
	}

	@Test
	void theCallsOfARoundWithSeveralRunInParallelOnWorkersEvenForABlockingCreate() {
		this.model.answers(toolCalls(call("c1", "first", "{}"), call("c2", "second", "{}")), answer("Done"));
		PairTools pair = new PairTools();

		this.template.create(REQUEST, CallOptions.builder().tools(ChatTools.from(pair)).build());

		assertThat(pair.first).isEqualTo("first, after second finished");
		assertThat(pair.threads).hasSize(2).allSatisfy((thread) -> {
			assertThat(thread.name()).startsWith("boundedElastic");
			assertThat(thread.nonBlocking()).isFalse();
		});
	}

	@Test
	void withMaxConcurrencyOneEveryCallOfABlockingCreateRunsOnTheCallersThread() {
		this.model.answers(
				toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}"), call("c2", "weather", "{\"city\":\"Rome\"}")),
				answer("Sunny."));
		ChatTools tools = ChatTools.builder().tools(this.weather).maxConcurrency(1).build();

		this.template.create(REQUEST, CallOptions.builder().tools(tools).build());

		assertThat(this.weather.threads).extracting(ThreadSeen::name)
			.containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName());
	}

	@Test
	void aSchedulerOfTheToolsRunsThemEvenForABlockingCreate() {
		Scheduler scheduler = Schedulers.newSingle("own-tools");
		try {
			this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")), answer("Sunny."));
			ChatTools tools = ChatTools.builder().tools(this.weather).scheduler(scheduler).build();

			this.template.create(REQUEST, CallOptions.builder().tools(tools).build());

			assertThat(this.weather.threads).singleElement()
				.satisfies((thread) -> assertThat(thread.name()).startsWith("own-tools"));
		}
		finally {
			scheduler.dispose();
		}
	}

	@Test
	void aToolOnTheCallersThreadIsInterruptedAtItsTimeoutAndTheInterruptDoesNotLeak() throws InterruptedException {
		this.model.answers(toolCalls(call("c1", "stuck", "{}")), answer("It timed out."));
		StuckTool stuck = new StuckTool();
		ChatTools tools = ChatTools.builder().tools(stuck).timeout(Duration.ofMillis(200)).build();

		ChatCompletion completion = this.template.create(REQUEST, CallOptions.builder().tools(tools).build());

		assertThat(completion.content()).isEqualTo("It timed out.");
		assertThat(this.model.requests().get(1).get("messages").get(2).get("content").asString())
			.isEqualTo("{\"error\":\"The tool did not finish within 200 ms and was cancelled\"}");
		assertThat(stuck.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(stuck.thread).isEqualTo(Thread.currentThread().getName());
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	static final class PairTools {

		final List<ThreadSeen> threads = new CopyOnWriteArrayList<>();

		private final CountDownLatch secondDone = new CountDownLatch(1);

		volatile String first = "";

		@ChatTool(description = "Finishes after the second tool")
		String first() throws InterruptedException {
			this.threads.add(new ThreadSeen(Thread.currentThread().getName(), Schedulers.isInNonBlockingThread()));
			this.first = this.secondDone.await(10, TimeUnit.SECONDS) ? "first, after second finished" : "first alone";
			return this.first;
		}

		@ChatTool(description = "Finishes at once")
		String second() {
			this.threads.add(new ThreadSeen(Thread.currentThread().getName(), Schedulers.isInNonBlockingThread()));
			this.secondDone.countDown();
			return "second";
		}

	}

	static final class StuckTool {

		final CountDownLatch interrupted = new CountDownLatch(1);

		volatile String thread = "";

		@ChatTool(description = "Never finishes by itself")
		String stuck() {
			this.thread = Thread.currentThread().getName();
			try {
				new CountDownLatch(1).await(30, TimeUnit.SECONDS);
				return "woke up";
			}
			catch (InterruptedException ex) {
				this.interrupted.countDown();
				// a tool that restores the flag, as it should: the loop clears it again
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

	}

}

package com.mulerun.chat.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import com.mulerun.chat.error.MuleRunToolExecutionException;
import com.mulerun.chat.error.MuleRunToolLoopException;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.CustomTool;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.FunctionTool;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolMessage;
import com.mulerun.chat.observation.DefaultToolExecutionObservationConvention;
import com.mulerun.chat.observation.ToolExecutionObservationContext;
import com.mulerun.chat.observation.ToolExecutionObservationConvention;
import com.mulerun.chat.observation.ToolExecutionObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * Runs the tool-calling conversation over the template's single-call functions: advertise
 * the tools, and while the answer asks for tool calls, keep the assistant message exactly
 * as received, execute every call of the round, append one {@code tool} message per call
 * in the model's order, and call again.
 *
 * <p>
 * The conversation ends with the first answer without tool calls, or with a
 * {@link MuleRunToolLoopException} when the model still asks for calls after
 * {@code maxToolRoundTrips} rounds (so at most {@code maxToolRoundTrips + 1} requests are
 * sent). Answers that call a tool the request itself listed (and {@link ChatTools} does
 * not hold) are returned to the caller, who executes those.
 *
 * <p>
 * The calls of a round run in parallel, at most {@link ChatTools#maxConcurrency()} at a
 * time, each within {@link ChatTools#timeout(String)}: reactive tools without a thread of
 * their own; blocking tools never on an event loop: on the caller's thread when a
 * blocking {@code create} waits there ({@link #callOnCaller}) and the round has one call,
 * else on a worker scheduler. A failure (unknown tool, invalid arguments, a tool that
 * throws or times out, a veto) goes back to the model as {@code {"error": "..."}}, unless
 * the failure policy rethrows. Cancelling the caller's subscription cancels the running
 * tools (a blocking tool's thread is interrupted).
 *
 * <p>
 * Streams emit the chunks of every round in order; a round's tool calls are assembled
 * from its chunks with {@link ChatCompletionAggregator}. Each execution is observed as
 * {@code execute_tool}, a child of the chat observation of the answer that asked for it.
 * The template creates and uses this class; it is public only so that the template, in
 * another package, can.
 */
public final class ToolLoop {

	private static final Logger logger = LoggerFactory.getLogger(ToolLoop.class);

	private final ObservationRegistry registry;

	private final @Nullable ToolExecutionObservationConvention convention;

	private final boolean includeContent;

	private final Scheduler blockingScheduler;

	/**
	 * Creates a loop.
	 * @param registry the registry tool executions are observed with
	 * @param convention a custom convention, or {@code null} for the default
	 * @param includeContent whether observations record the arguments and results
	 * @param blockingScheduler the scheduler blocking tools run on unless their
	 * {@link ChatTools} name one
	 */
	public ToolLoop(ObservationRegistry registry, @Nullable ToolExecutionObservationConvention convention,
			boolean includeContent, Scheduler blockingScheduler) {
		this.registry = registry;
		this.convention = convention;
		this.includeContent = includeContent;
		this.blockingScheduler = blockingScheduler;
	}

	/**
	 * Runs the conversation with single-response calls.
	 * @param request the request
	 * @param options the call's options (its {@code maxToolRoundTrips} applies)
	 * @param tools the tools
	 * @param call sends one request, without tools handling
	 * @return the first answer without tool calls
	 */
	public Mono<ChatCompletion> call(ChatCompletionRequest request, CallOptions options, ChatTools tools,
			BiFunction<ChatCompletionRequest, CallOptions, Mono<ChatCompletion>> call) {
		return Mono.defer(() -> round(new Conversation(request, options, tools, null), call));
	}

	/**
	 * Runs the conversation with single-response calls on a thread that may block, and
	 * waits there for the answer: a blocking {@code create}. That thread runs the
	 * blocking tools itself, instead of handing them to a worker: every call of a round
	 * that has one call (or of every round when {@link ChatTools#maxConcurrency()} is 1),
	 * unless the tools name a {@link ChatTools#scheduler() scheduler} of their own. The
	 * calls of a round with several run in parallel on workers as in {@link #call}.
	 * @param request the request
	 * @param options the call's options (its {@code maxToolRoundTrips} applies)
	 * @param tools the tools
	 * @param call sends one request, without tools handling
	 * @return the first answer without tool calls, or {@code null} when the call
	 * completed without one
	 * @throws IllegalStateException when called on a thread that must not block (an event
	 * loop)
	 */
	public @Nullable ChatCompletion callOnCaller(ChatCompletionRequest request, CallOptions options, ChatTools tools,
			BiFunction<ChatCompletionRequest, CallOptions, Mono<ChatCompletion>> call) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException(
					"A blocking call is not supported in thread " + Thread.currentThread().getName());
		}
		CallerThread caller = new CallerThread();
		return caller.await(Mono.defer(() -> round(new Conversation(request, options, tools, caller), call)));
	}

	/**
	 * Runs the conversation with streaming calls.
	 * @param request the request
	 * @param options the call's options (its {@code maxToolRoundTrips} applies)
	 * @param tools the tools
	 * @param stream streams one request, without tools handling
	 * @return the chunks of every round, in order
	 */
	public Flux<ChatCompletionChunk> stream(ChatCompletionRequest request, CallOptions options, ChatTools tools,
			BiFunction<ChatCompletionRequest, CallOptions, Flux<ChatCompletionChunk>> stream) {
		return Flux.defer(() -> streamRound(new Conversation(request, options, tools, null), stream));
	}

	private Mono<ChatCompletion> round(Conversation conversation,
			BiFunction<ChatCompletionRequest, CallOptions, Mono<ChatCompletion>> call) {
		AtomicReference<@Nullable Observation> chat = new AtomicReference<>();
		return call.apply(conversation.request(), conversation.options)
			.contextWrite(capture(chat))
			.flatMap((completion) -> {
				AssistantMessage message = conversation.toolCallsOf(completion);
				if (message == null) {
					return Mono.just(completion);
				}
				return executeRound(conversation, message, chat.get())
					.then(Mono.defer(() -> round(conversation, call)));
			});
	}

	private Flux<ChatCompletionChunk> streamRound(Conversation conversation,
			BiFunction<ChatCompletionRequest, CallOptions, Flux<ChatCompletionChunk>> stream) {
		AtomicReference<@Nullable Observation> chat = new AtomicReference<>();
		ChatCompletionAggregator aggregator = new ChatCompletionAggregator();
		Flux<ChatCompletionChunk> chunks = stream.apply(conversation.request(), conversation.options)
			.doOnNext(aggregator::add)
			.contextWrite(capture(chat));
		return chunks.concatWith(Flux.defer(() -> {
			AssistantMessage message = conversation.toolCallsOf(aggregator.result());
			if (message == null) {
				return Flux.empty();
			}
			return executeRound(conversation, message, chat.get())
				.thenMany(Flux.defer(() -> streamRound(conversation, stream)));
		}));
	}

	private static Function<Context, Context> capture(AtomicReference<@Nullable Observation> chat) {
		Consumer<Observation> sink = chat::set;
		return (context) -> context.put(ToolExecutionObservationContext.CHAT_OBSERVATION_SINK_KEY, sink);
	}

	private Mono<Void> executeRound(Conversation conversation, AssistantMessage message, @Nullable Observation chat) {
		int round = ++conversation.rounds;
		ChatTools tools = conversation.tools;
		List<ToolCall> calls = message.toolCallsOrEmpty();
		// the caller's thread runs blocking tools one at a time: only when nothing
		// runs in parallel
		CallerThread caller = (tools.scheduler() == null && (calls.size() == 1 || tools.maxConcurrency() == 1))
				? conversation.caller : null;
		return Flux.fromIterable(calls)
			.flatMapSequential((call) -> execute(call, round, tools, chat, caller), tools.maxConcurrency())
			.collectList()
			.doOnNext((toolMessages) -> {
				conversation.messages.add(message);
				conversation.messages.addAll(toolMessages);
			})
			.then();
	}

	private Mono<ToolMessage> execute(ToolCall call, int round, ChatTools tools, @Nullable Observation chat,
			@Nullable CallerThread caller) {
		String id = (call.id() != null) ? call.id() : "";
		String name = nameOf(call);
		String arguments = (call instanceof FunctionToolCall function && function.function().arguments() != null)
				? function.function().arguments() : "";
		ToolInvocation invocation = new ToolInvocation(name, id, arguments, round);
		return Mono.deferContextual((contextView) -> {
			ToolExecutionObservationContext context = new ToolExecutionObservationContext(name, id, arguments,
					this.includeContent);
			Observation observation = ToolExecutionObservationDocumentation.EXECUTE_TOOL.observation(this.convention,
					DefaultToolExecutionObservationConvention.INSTANCE, () -> context, this.registry);
			Observation parent = (chat != null) ? chat
					: contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (parent != null) {
				observation.parentObservation(parent);
			}
			observation.start();
			return outcome(call, invocation, tools, observation, caller).doOnNext((outcome) -> {
				context.setResult(outcome.result().content());
				ToolCallFailure failure = outcome.failure();
				if (failure != null) {
					context.setErrorType(errorType(failure));
					Throwable shown = outcome.result().failure();
					observation.error((shown != null) ? shown : failure);
				}
				observation.stop();
			})
				.doOnCancel(observation::stop)
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		}).flatMap((outcome) -> toolMessage(invocation, outcome, tools));
	}

	private Mono<Outcome> outcome(ToolCall call, ToolInvocation invocation, ChatTools tools, Observation observation,
			@Nullable CallerThread caller) {
		ToolHandler handler = (call instanceof FunctionToolCall) ? tools.handler(invocation.toolName()) : null;
		Mono<String> content;
		if (handler == null) {
			content = Mono
				.error(new ToolCallFailure(ToolCallFailure.Kind.TOOL_NOT_FOUND, "Unknown tool '" + invocation.toolName()
						+ "'. The tools you can call are: " + String.join(", ", tools.names()), null));
		}
		else if (handler.isReactive()) {
			content = Mono.defer(() -> {
				approve(invocation, tools);
				return handler.content(handler.call(invocation).orElse(null));
			});
		}
		else {
			Callable<Optional<Object>> blocking = () -> {
				try (Observation.Scope scope = observation.openScope()) {
					approve(invocation, tools);
					return handler.call(invocation);
				}
			};
			Scheduler scheduler = (tools.scheduler() != null) ? tools.scheduler() : this.blockingScheduler;
			Mono<Optional<Object>> called = (caller != null) ? caller.run(blocking)
					: Mono.fromCallable(blocking).subscribeOn(scheduler);
			content = called.flatMap((value) -> handler.content(value.orElse(null)));
		}
		Duration timeout = tools.timeout(invocation.toolName());
		return content
			.timeout(timeout,
					Mono.error(() -> new ToolCallFailure(ToolCallFailure.Kind.TIMEOUT,
							"The tool did not finish within " + timeout.toMillis() + " ms and was cancelled", null)))
			.map((text) -> new Outcome(new ToolCallResult(text, null), null))
			.onErrorResume((ex) -> Mono.just(Outcome.failed(ToolHandler.threw(ex))))
			.doOnNext((outcome) -> notifyAfter(invocation, outcome.result(), tools));
	}

	private static void approve(ToolInvocation invocation, ChatTools tools) {
		for (ToolCallListener listener : tools.listeners()) {
			ToolCallDecision decision = listener.beforeExecution(invocation);
			if (decision.isVetoed()) {
				throw new ToolCallFailure(ToolCallFailure.Kind.VETOED, "The call was refused: " + decision.vetoReason(),
						null);
			}
		}
	}

	private static void notifyAfter(ToolInvocation invocation, ToolCallResult result, ChatTools tools) {
		for (ToolCallListener listener : tools.listeners()) {
			try {
				listener.afterExecution(invocation, result);
			}
			catch (RuntimeException ex) {
				logger.warn("ToolCallListener {} failed after tool call {} of '{}'", listener, invocation.toolCallId(),
						invocation.toolName(), ex);
			}
		}
	}

	private static Mono<ToolMessage> toolMessage(ToolInvocation invocation, Outcome outcome, ChatTools tools) {
		ToolCallFailure failure = outcome.failure();
		if (failure != null && tools.failurePolicy() == ToolFailurePolicy.RETHROW
				&& failure.kind() != ToolCallFailure.Kind.VETOED) {
			return Mono.error(new MuleRunToolExecutionException(invocation.toolName(), invocation.toolCallId(),
					failure.reason(), (failure.getCause() != null) ? failure.getCause() : failure));
		}
		return Mono.just(ChatMessage.tool(invocation.toolCallId(), outcome.result().content()));
	}

	private static String errorType(ToolCallFailure failure) {
		Throwable cause = failure.getCause();
		return (failure.kind() == ToolCallFailure.Kind.TOOL_ERROR && cause != null) ? cause.getClass().getSimpleName()
				: failure.kind().errorType();
	}

	private static String nameOf(ToolCall call) {
		if (call instanceof FunctionToolCall function) {
			return Optional.ofNullable(function.function().name()).orElse("");
		}
		if (call instanceof CustomToolCall custom) {
			return Optional.ofNullable(custom.custom().name()).orElse("");
		}
		return "";
	}

	/**
	 * The result of one call and, when it failed, the failure with its kind.
	 */
	private record Outcome(ToolCallResult result, @Nullable ToolCallFailure failure) {

		/**
		 * Returns the outcome of a failed call: the model gets {@code {"error": reason}};
		 * listeners and the observation get what the tool threw, or the failure itself
		 * when the tool did not throw.
		 */
		static Outcome failed(ToolCallFailure failure) {
			Throwable cause = failure.getCause();
			Throwable shown = (failure.kind() == ToolCallFailure.Kind.TOOL_ERROR && cause != null) ? cause : failure;
			String content = ChatJson.mapper().writeValueAsString(Map.of("error", failure.reason()));
			return new Outcome(new ToolCallResult(content, shown), failure);
		}

	}

	/**
	 * The state of one conversation: the request without its messages, the messages so
	 * far, the rounds run.
	 */
	private static final class Conversation {

		final CallOptions options;

		final ChatTools tools;

		final List<ChatMessage> messages;

		private final ChatCompletionRequest base;

		private final Set<String> callerTools = new HashSet<>();

		private final int maxRoundTrips;

		/** The blocked caller's thread that runs blocking tools, or {@code null}. */
		final @Nullable CallerThread caller;

		int rounds;

		Conversation(ChatCompletionRequest request, CallOptions options, ChatTools tools,
				@Nullable CallerThread caller) {
			this.options = options;
			this.caller = caller;
			this.tools = tools;
			this.messages = new ArrayList<>(request.messagesOrEmpty());
			this.maxRoundTrips = options.maxToolRoundTripsOrDefault();
			List<Tool> advertised = new ArrayList<>();
			for (Tool tool : (request.tools() != null) ? request.tools() : List.<Tool>of()) {
				String name = (tool instanceof FunctionTool function) ? function.function().name()
						: (tool instanceof CustomTool custom) ? custom.custom().name() : null;
				if (name == null || !tools.names().contains(name)) {
					advertised.add(tool);
					if (name != null) {
						this.callerTools.add(name);
					}
				}
			}
			advertised.addAll(tools.definitions());
			this.base = request.mutate().messages(null).tools(advertised).build();
		}

		ChatCompletionRequest request() {
			return this.base.mutate().messages(this.messages).build();
		}

		/**
		 * Returns the assistant message of an answer when the loop must run its tool
		 * calls, {@code null} when the answer goes to the caller.
		 * @throws MuleRunToolLoopException when the calls exceed the limit
		 */
		@Nullable AssistantMessage toolCallsOf(ChatCompletion completion) {
			List<Choice> choices = completion.choices();
			AssistantMessage message = (choices != null && !choices.isEmpty()) ? choices.get(0).message() : null;
			if (message == null || message.toolCallsOrEmpty().isEmpty()) {
				return null;
			}
			for (ToolCall call : message.toolCallsOrEmpty()) {
				String name = nameOf(call);
				if (this.callerTools.contains(name) && !this.tools.names().contains(name)) {
					return null;
				}
			}
			if (this.rounds >= this.maxRoundTrips) {
				List<ChatMessage> transcript = new ArrayList<>(this.messages);
				transcript.add(message);
				throw new MuleRunToolLoopException(this.maxRoundTrips, transcript, completion);
			}
			return message;
		}

	}

}

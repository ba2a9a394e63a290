package com.mulerun.chat.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Tool;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools of a call: what the model is told it may call, and how each call is executed.
 *
 * <p>
 * Collect the {@link ChatTool @ChatTool} methods of objects with
 * {@link #from(Object...)}, or use {@link #builder()} for lambdas that take a typed input
 * record and for the execution settings (per-call timeout, parallelism, failure policy,
 * listeners). Pass them to a call with {@code CallOptions.builder().tools(tools)}, or
 * declare them as a bean to make them the default of the auto-configured template.
 *
 * <pre class="code">
 * ChatTools tools = ChatTools.builder()
 *     .tools(new WeatherTools())
 *     .tool("get_time", "The current time in a time zone", TimeQuery.class, (query) -&gt; clock.now(query.zone()))
 *     .timeout(Duration.ofSeconds(10))
 *     .build();
 * </pre>
 *
 * <p>
 * Names are checked when the tools are built: each must match
 * {@code ^[a-zA-Z0-9_-]{1,64}$} and be unique. Immutable and thread-safe.
 */
public final class ChatTools {

	/** The longest one tool call may take by default. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/** How many tool calls of one round run at the same time by default. */
	public static final int DEFAULT_MAX_CONCURRENCY = 8;

	/** The rule tool names must follow (the API's). */
	public static final Pattern NAME_PATTERN = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

	private static final ChatTools NONE = builder().build();

	private final Map<String, ToolHandler> handlers;

	private final List<Tool> definitions;

	private final Duration timeout;

	private final Map<String, Duration> toolTimeouts;

	private final int maxConcurrency;

	private final ToolFailurePolicy failurePolicy;

	private final List<ToolCallListener> listeners;

	private final @Nullable Scheduler scheduler;

	private final Builder source;

	private ChatTools(Builder builder, Map<String, ToolHandler> handlers) {
		this.handlers = Collections.unmodifiableMap(handlers);
		this.definitions = handlers.values().stream().<Tool>map(ToolHandler::tool).toList();
		this.timeout = builder.timeout;
		this.toolTimeouts = Map.copyOf(builder.toolTimeouts);
		this.maxConcurrency = builder.maxConcurrency;
		this.failurePolicy = builder.failurePolicy;
		this.listeners = List.copyOf(builder.listeners);
		this.scheduler = builder.scheduler;
		this.source = builder.copy();
	}

	/**
	 * Returns tools with no tool in them: pass them to a call to switch the default tools
	 * off for it.
	 * @return the empty tools
	 */
	public static ChatTools none() {
		return NONE;
	}

	/**
	 * Collects the {@link ChatTool @ChatTool} methods of the given objects, with the
	 * default settings.
	 * @param beans the objects (Spring beans, proxies included)
	 * @return the tools
	 * @throws IllegalArgumentException when an object has no tool method, a name is
	 * invalid or used twice, or a method's parameter names were not compiled in
	 */
	public static ChatTools from(Object... beans) {
		return builder().tools(beans).build();
	}

	/**
	 * Returns a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder initialised with these tools and settings.
	 * @return the builder
	 */
	public Builder mutate() {
		return this.source.copy();
	}

	/**
	 * Returns the tools as they are advertised in the request's {@code tools}.
	 * @return the function tools, in the order they were added
	 */
	public List<Tool> definitions() {
		return this.definitions;
	}

	/**
	 * Returns the names of the tools.
	 * @return the names, in the order they were added
	 */
	public Set<String> names() {
		return this.handlers.keySet();
	}

	/**
	 * Returns whether there is no tool.
	 * @return whether it is empty
	 */
	public boolean isEmpty() {
		return this.handlers.isEmpty();
	}

	/**
	 * Returns the longest one tool call may take, unless its tool has a timeout of its
	 * own.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Returns the longest one call of a tool may take: its own timeout, else
	 * {@link #timeout()}.
	 * @param toolName the tool's name
	 * @return the timeout
	 */
	public Duration timeout(String toolName) {
		return this.toolTimeouts.getOrDefault(toolName, this.timeout);
	}

	/**
	 * Returns how many tool calls of one round may run at the same time.
	 * @return the maximum
	 */
	public int maxConcurrency() {
		return this.maxConcurrency;
	}

	/**
	 * Returns what happens when a tool call fails.
	 * @return the policy
	 */
	public ToolFailurePolicy failurePolicy() {
		return this.failurePolicy;
	}

	/**
	 * Returns the listeners, in order.
	 * @return the listeners
	 */
	public List<ToolCallListener> listeners() {
		return this.listeners;
	}

	/**
	 * Returns the scheduler blocking tools run on.
	 * @return the scheduler, or {@code null} for the template's
	 */
	public @Nullable Scheduler scheduler() {
		return this.scheduler;
	}

	@Nullable ToolHandler handler(String name) {
		return this.handlers.get(name);
	}

	@Override
	public String toString() {
		return "ChatTools" + this.handlers.keySet();
	}

	/**
	 * Builds {@link ChatTools}; the tools are created, and their names checked, in
	 * {@link #build()}.
	 */
	public static final class Builder {

		private final List<Object> beans = new ArrayList<>();

		private final List<ToolReader.LambdaTool> lambdas = new ArrayList<>();

		private Duration timeout = DEFAULT_TIMEOUT;

		private final Map<String, Duration> toolTimeouts = new LinkedHashMap<>();

		private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

		private ToolFailurePolicy failurePolicy = ToolFailurePolicy.REPORT_TO_MODEL;

		private final List<ToolCallListener> listeners = new ArrayList<>();

		private @Nullable Scheduler scheduler;

		private JsonMapper jsonMapper = ChatJson.mapper();

		private Builder() {
		}

		private Builder copy() {
			Builder copy = new Builder();
			copy.beans.addAll(this.beans);
			copy.lambdas.addAll(this.lambdas);
			copy.timeout = this.timeout;
			copy.toolTimeouts.putAll(this.toolTimeouts);
			copy.maxConcurrency = this.maxConcurrency;
			copy.failurePolicy = this.failurePolicy;
			copy.listeners.addAll(this.listeners);
			copy.scheduler = this.scheduler;
			copy.jsonMapper = this.jsonMapper;
			return copy;
		}

		/**
		 * Adds the {@link ChatTool @ChatTool} methods of objects.
		 * @param beans the objects
		 * @return this builder
		 */
		public Builder tools(Object... beans) {
			for (Object bean : beans) {
				this.beans.add(Objects.requireNonNull(bean, "bean must not be null"));
			}
			return this;
		}

		/**
		 * Adds a tool that takes no arguments.
		 * @param name the name
		 * @param description what it does
		 * @param supplier computes the result; it may block (run on the caller's thread
		 * of a blocking {@code create}, else on a worker thread)
		 * @return this builder
		 */
		public Builder tool(String name, String description, Supplier<?> supplier) {
			Objects.requireNonNull(supplier, "supplier must not be null");
			this.lambdas.add(new ToolReader.LambdaTool(name, description, null, (input) -> supplier.get(), false));
			return this;
		}

		/**
		 * Adds a tool whose arguments bind to a record: its components are the tool's
		 * parameters (describe them with {@link ChatToolParam @ChatToolParam}).
		 * @param <I> the input type
		 * @param name the name
		 * @param description what it does
		 * @param inputType the record the arguments bind to
		 * @param function computes the result; it may block (run on the caller's thread
		 * of a blocking {@code create}, else on a worker thread)
		 * @return this builder
		 */
		public <I extends Record> Builder tool(String name, String description, Class<I> inputType,
				Function<? super I, ?> function) {
			Objects.requireNonNull(function, "function must not be null");
			this.lambdas.add(new ToolReader.LambdaTool(name, description, inputType, erase(function), false));
			return this;
		}

		/**
		 * Adds a reactive tool whose arguments bind to a record; it must not block.
		 * @param <I> the input type
		 * @param name the name
		 * @param description what it does
		 * @param inputType the record the arguments bind to
		 * @param function returns the result without blocking
		 * @return this builder
		 */
		public <I extends Record> Builder reactiveTool(String name, String description, Class<I> inputType,
				Function<? super I, ? extends Mono<?>> function) {
			Objects.requireNonNull(function, "function must not be null");
			this.lambdas.add(new ToolReader.LambdaTool(name, description, inputType, erase(function), true));
			return this;
		}

		@SuppressWarnings("unchecked")
		private static Function<@Nullable Object, ?> erase(Function<?, ?> function) {
			return (Function<@Nullable Object, ?>) function;
		}

		/**
		 * Sets the longest one tool call may take (default
		 * {@link ChatTools#DEFAULT_TIMEOUT}); a call that takes longer is cancelled and
		 * reported as failed.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = positive(timeout, "timeout");
			return this;
		}

		/**
		 * Sets the longest one call of a tool may take, instead of
		 * {@link #timeout(Duration)}.
		 * @param toolName the tool's name
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(String toolName, Duration timeout) {
			this.toolTimeouts.put(Objects.requireNonNull(toolName, "toolName must not be null"),
					positive(timeout, "timeout of tool '" + toolName + "'"));
			return this;
		}

		private static Duration positive(Duration timeout, String what) {
			Objects.requireNonNull(timeout, what + " must not be null");
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException(what + " must be positive (was " + timeout + ")");
			}
			return timeout;
		}

		/**
		 * Sets how many tool calls of one round may run at the same time (default
		 * {@link ChatTools#DEFAULT_MAX_CONCURRENCY}).
		 * @param maxConcurrency the maximum, at least 1
		 * @return this builder
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			if (maxConcurrency < 1) {
				throw new IllegalArgumentException("maxConcurrency must be at least 1 (was " + maxConcurrency + ")");
			}
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/**
		 * Sets what happens when a tool call fails (default
		 * {@link ToolFailurePolicy#REPORT_TO_MODEL}).
		 * @param failurePolicy the policy
		 * @return this builder
		 */
		public Builder failurePolicy(ToolFailurePolicy failurePolicy) {
			this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy must not be null");
			return this;
		}

		/**
		 * Adds a listener; listeners are called in the order they are added, and the
		 * first veto wins.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(ToolCallListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
			return this;
		}

		/**
		 * Sets the scheduler blocking tools run on, instead of the template's (bounded
		 * elastic, or virtual threads when the auto-configuration sees
		 * {@code spring.threads.virtual.enabled}) and instead of the caller's thread of a
		 * blocking {@code create}.
		 * @param scheduler the scheduler, or {@code null} for the template's
		 * @return this builder
		 */
		public Builder scheduler(@Nullable Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Sets the mapper arguments are read and results written with (default
		 * {@link ChatJson#mapper()}).
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
			return this;
		}

		/**
		 * Builds the tools: reads the annotated methods, generates the parameter schemas,
		 * checks the names.
		 * @return the tools
		 * @throws IllegalArgumentException listing every invalid or duplicate name, an
		 * object without tool methods, or parameters whose names were not compiled in
		 */
		public ChatTools build() {
			ToolReader reader = new ToolReader(this.jsonMapper);
			List<ToolHandler> handlers = new ArrayList<>();
			for (Object bean : this.beans) {
				handlers.addAll(reader.methodTools(bean));
			}
			for (ToolReader.LambdaTool lambda : this.lambdas) {
				handlers.add(reader.lambdaTool(lambda));
			}
			Map<String, ToolHandler> byName = new LinkedHashMap<>();
			List<String> problems = new ArrayList<>();
			for (ToolHandler handler : handlers) {
				String name = handler.name();
				if (!NAME_PATTERN.matcher(name).matches()) {
					problems.add("tool name '" + name + "' must match " + NAME_PATTERN.pattern()
							+ " (letters, digits, '_' and '-', 1 to 64 characters)");
				}
				else if (byName.putIfAbsent(name, handler) != null) {
					problems.add("tool name '" + name + "' is used by more than one tool");
				}
			}
			for (String name : this.toolTimeouts.keySet()) {
				if (!byName.containsKey(name)) {
					problems.add("a timeout is set for tool '" + name + "', which does not exist");
				}
			}
			if (!problems.isEmpty()) {
				throw new IllegalArgumentException("Invalid tools: " + String.join("; ", problems));
			}
			return new ChatTools(this, byName);
		}

	}

}

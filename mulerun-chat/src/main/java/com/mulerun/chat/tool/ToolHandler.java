package com.mulerun.chat.tool;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mulerun.chat.error.ErrorTexts;
import com.mulerun.chat.model.FunctionDefinition;
import com.mulerun.chat.model.FunctionTool;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.structured.JsonSchemaGenerator;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One executable tool: its definition as advertised to the model, how its JSON arguments
 * bind to Java values, and how it is invoked. Immutable and thread-safe.
 */
final class ToolHandler {

	/** The result sent to the model for a tool that returns nothing. */
	static final String VOID_RESULT = "{\"status\":\"done\"}";

	private final FunctionTool tool;

	private final List<Parameter> parameters;

	private final Invoker invoker;

	private final boolean reactive;

	private final JsonMapper mapper;

	/**
	 * Creates a handler.
	 * @param name the tool's name
	 * @param description the tool's description
	 * @param parameters the parameters, in the order the invoker takes them
	 * @param invoker invokes the tool with the bound arguments
	 * @param reactive whether the invoker returns a publisher without blocking
	 * @param mapper the mapper arguments are read and results written with
	 * @param schemas the schema generator
	 */
	ToolHandler(String name, String description, List<Parameter> parameters, Invoker invoker, boolean reactive,
			JsonMapper mapper, JsonSchemaGenerator schemas) {
		List<JsonSchemaGenerator.Property> properties = new ArrayList<>();
		for (Parameter parameter : parameters) {
			if (!parameter.invocation()) {
				properties.add(new JsonSchemaGenerator.Property(parameter.name(), parameter.type(),
						parameter.description(), parameter.required()));
			}
		}
		this.tool = Tool.function(FunctionDefinition.of(name, description, schemas.objectSchema(properties)));
		this.parameters = List.copyOf(parameters);
		this.invoker = invoker;
		this.reactive = reactive;
		this.mapper = mapper;
	}

	String name() {
		return this.tool.function().name();
	}

	FunctionTool tool() {
		return this.tool;
	}

	boolean isReactive() {
		return this.reactive;
	}

	/**
	 * Binds the arguments the model generated and invokes the tool on the calling thread.
	 * @param invocation the call
	 * @return the tool's return value, empty for {@code void} or {@code null}; see
	 * {@link #content}
	 */
	Optional<Object> call(ToolInvocation invocation) {
		Object[] arguments = bind(invocation);
		try {
			return Optional.ofNullable(this.invoker.invoke(arguments));
		}
		catch (InvocationTargetException ex) {
			throw threw(ex.getTargetException());
		}
		catch (Throwable ex) {
			throw threw(ex);
		}
	}

	/**
	 * Returns the content of the tool message for a tool's return value: a {@code String}
	 * as it is, nothing as a short confirmation, a publisher by its first value, anything
	 * else as JSON.
	 * @param result the return value, or {@code null}
	 * @return the content
	 */
	Mono<String> content(@Nullable Object result) {
		if (result instanceof Publisher<?> publisher) {
			return Mono.from(publisher)
				.onErrorMap((ex) -> !(ex instanceof ToolCallFailure), ToolHandler::threw)
				.map(this::serialize)
				.defaultIfEmpty(VOID_RESULT);
		}
		return Mono.just((result != null) ? serialize(result) : VOID_RESULT);
	}

	private String serialize(Object value) {
		if (value instanceof String string) {
			return string;
		}
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new ToolCallFailure(ToolCallFailure.Kind.TOOL_ERROR,
					"The tool's result could not be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private Object[] bind(ToolInvocation invocation) {
		JsonNode arguments = parse(invocation.arguments());
		Object[] values = new Object[this.parameters.size()];
		for (int i = 0; i < values.length; i++) {
			Parameter parameter = this.parameters.get(i);
			if (parameter.invocation()) {
				values[i] = invocation;
				continue;
			}
			JsonNode node = arguments.get(parameter.name());
			if (node == null || node.isNull()) {
				if (parameter.required()) {
					throw invalid("the required parameter '" + parameter.name() + "' is missing", null);
				}
				values[i] = defaultValue(parameter.javaType());
				continue;
			}
			try {
				values[i] = this.mapper.treeToValue(node, parameter.javaType());
			}
			catch (JacksonException ex) {
				throw invalid("the parameter '" + parameter.name() + "' is not a valid "
						+ describe(parameter.javaType()) + " (" + ex.getOriginalMessage() + ")", ex);
			}
		}
		return values;
	}

	private JsonNode parse(String arguments) {
		if (arguments.isBlank()) {
			return this.mapper.createObjectNode();
		}
		JsonNode node;
		try {
			node = this.mapper.readTree(arguments);
		}
		catch (JacksonException ex) {
			throw invalid("the arguments are not valid JSON (" + ex.getOriginalMessage() + ")", ex);
		}
		if (node == null || !node.isObject()) {
			throw invalid("the arguments must be a JSON object", null);
		}
		return node;
	}

	private static String describe(JavaType type) {
		return type.getRawClass().getSimpleName();
	}

	private static @Nullable Object defaultValue(JavaType type) {
		Class<?> raw = type.getRawClass();
		return raw.isPrimitive() ? Array.get(Array.newInstance(raw, 1), 0) : null;
	}

	private static ToolCallFailure invalid(String message, @Nullable Throwable cause) {
		return new ToolCallFailure(ToolCallFailure.Kind.INVALID_ARGUMENTS,
				"Invalid arguments: " + message + ". Call the tool again with arguments that match its schema.", cause);
	}

	static ToolCallFailure threw(Throwable ex) {
		if (ex instanceof ToolCallFailure failure) {
			return failure;
		}
		return new ToolCallFailure(ToolCallFailure.Kind.TOOL_ERROR, "The tool failed: " + ErrorTexts.describe(ex), ex);
	}

	@Override
	public String toString() {
		return "ToolHandler[" + name() + (this.reactive ? ", reactive" : "") + "]";
	}

	/**
	 * A parameter of a tool.
	 *
	 * @param name the name in the JSON arguments
	 * @param type the Java type
	 * @param javaType the Jackson type the argument binds to
	 * @param description the description, or {@code null}
	 * @param required whether the model must pass it
	 * @param invocation whether the parameter receives the {@link ToolInvocation} rather
	 * than an argument
	 */
	record Parameter(String name, Type type, JavaType javaType, @Nullable String description, boolean required,
			boolean invocation) {

	}

	/**
	 * Invokes a tool with bound arguments.
	 */
	@FunctionalInterface
	interface Invoker {

		/**
		 * Invokes the tool.
		 * @param arguments the arguments, one per parameter
		 * @return the return value, or {@code null}
		 * @throws Throwable what the tool threw
		 */
		@Nullable Object invoke(Object[] arguments) throws Throwable;

	}

}

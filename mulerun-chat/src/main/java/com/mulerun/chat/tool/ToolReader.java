package com.mulerun.chat.tool;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.mulerun.chat.structured.JsonSchemaGenerator;
import com.mulerun.chat.structured.MapEntriesModule;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads {@link ToolHandler}s from the {@link ChatTool @ChatTool} methods of objects and
 * from lambdas, with one mapper (binding) and one schema generator (parameters).
 */
final class ToolReader {

	private final JsonMapper mapper;

	private final JsonSchemaGenerator schemas;

	ToolReader(JsonMapper mapper) {
		// the schemas describe maps as entry arrays: arguments are read in that form (or
		// as objects)
		this.mapper = mapper.rebuild().addModule(new MapEntriesModule()).build();
		this.schemas = new JsonSchemaGenerator(mapper);
	}

	/**
	 * Returns the tools of an object's annotated methods, ordered by method name.
	 * @throws IllegalArgumentException when it has none, or a method's parameter names
	 * were not compiled in
	 */
	List<ToolHandler> methodTools(Object bean) {
		Class<?> type = ClassUtils.getUserClass(bean);
		Map<Method, ChatTool> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<ChatTool>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, ChatTool.class));
		if (methods.isEmpty()) {
			throw new IllegalArgumentException(
					"Invalid tools: " + type.getName() + " has no method annotated with @ChatTool");
		}
		List<ToolHandler> handlers = new ArrayList<>();
		methods.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey((left, right) -> left.getName().compareTo(right.getName())))
			.forEach((entry) -> handlers.add(methodTool(bean, entry.getKey(), entry.getValue())));
		return handlers;
	}

	private ToolHandler methodTool(Object bean, Method method, ChatTool annotation) {
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
		List<ToolHandler.Parameter> parameters = new ArrayList<>();
		for (Parameter parameter : method.getParameters()) {
			boolean invocation = parameter.getType() == ToolInvocation.class;
			if (!parameter.isNamePresent() && !invocation) {
				throw new IllegalArgumentException("Invalid tools: the parameter names of " + method
						+ " are not available; compile with -parameters");
			}
			parameters.add(parameter(parameter.getName(), parameter.getParameterizedType(),
					parameter.getAnnotation(ChatToolParam.class), invocation));
		}
		boolean reactive = Publisher.class.isAssignableFrom(method.getReturnType());
		return handler(name, annotation.description(), parameters, (arguments) -> invocable.invoke(bean, arguments),
				reactive);
	}

	/**
	 * Returns the tool of a lambda.
	 * @throws IllegalArgumentException when the input record has no accessible canonical
	 * constructor
	 */
	ToolHandler lambdaTool(LambdaTool lambda) {
		Class<? extends Record> type = lambda.inputType();
		if (type == null) {
			return handler(lambda.name(), lambda.description(), List.of(), (arguments) -> lambda.function().apply(null),
					lambda.reactive());
		}
		RecordComponent[] components = type.getRecordComponents();
		List<ToolHandler.Parameter> parameters = new ArrayList<>();
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			types[i] = component.getType();
			parameters.add(parameter(component.getName(), component.getGenericType(),
					component.getAnnotation(ChatToolParam.class), false));
		}
		Constructor<? extends Record> constructor;
		try {
			constructor = ReflectionUtils.accessibleConstructor(type, types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException(
					"Invalid tools: " + type.getName() + " has no accessible canonical constructor", ex);
		}
		return handler(lambda.name(), lambda.description(), parameters,
				(arguments) -> lambda.function().apply(constructor.newInstance(arguments)), lambda.reactive());
	}

	private ToolHandler handler(String name, String description, List<ToolHandler.Parameter> parameters,
			ToolHandler.Invoker invoker, boolean reactive) {
		return new ToolHandler(name, description, parameters, invoker, reactive, this.mapper, this.schemas);
	}

	private ToolHandler.Parameter parameter(String name, Type type, @Nullable ChatToolParam annotation,
			boolean invocation) {
		String description = (annotation != null && !annotation.description().isEmpty()) ? annotation.description()
				: null;
		boolean required = !invocation && (annotation == null || annotation.required());
		return new ToolHandler.Parameter(name, type, this.mapper.constructType(type), description, required,
				invocation);
	}

	/**
	 * A tool given as a lambda; its handler is read when the tools are built.
	 *
	 * @param name the tool's name
	 * @param description what it does
	 * @param inputType the record the arguments bind to, or {@code null} for a tool
	 * without arguments
	 * @param function computes the result from the input (or from {@code null})
	 * @param reactive whether the function returns a publisher without blocking
	 */
	record LambdaTool(String name, String description, @Nullable Class<? extends Record> inputType,
			Function<@Nullable Object, ?> function, boolean reactive) {

		LambdaTool {
			Objects.requireNonNull(name, "name must not be null");
			Objects.requireNonNull(description, "description must not be null");
		}

	}

}

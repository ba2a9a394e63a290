package com.mulerun.chat.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The components of a record as an array of values: read all of them, or create the
 * record from them, through method handles built once. Lets a record with many components
 * keep its field list in one place (its header) while its builder, {@code mutate()} and
 * merges work on the values by index. Thread-safe.
 *
 * @param <R> the record type
 */
final class RecordShape<R extends Record> {

	private final String[] names;

	private final Map<String, Integer> indexes = new HashMap<>();

	private final MethodHandle[] accessors;

	private final MethodHandle constructor;

	private RecordShape(Class<R> type, MethodHandles.Lookup lookup) {
		RecordComponent[] components = type.getRecordComponents();
		this.names = new String[components.length];
		this.accessors = new MethodHandle[components.length];
		Class<?>[] parameterTypes = new Class<?>[components.length];
		try {
			for (int i = 0; i < components.length; i++) {
				this.names[i] = components[i].getName();
				this.indexes.put(this.names[i], i);
				this.accessors[i] = lookup.unreflect(components[i].getAccessor())
					.asType(MethodType.methodType(Object.class, Object.class));
				parameterTypes[i] = components[i].getType();
			}
			this.constructor = lookup.findConstructor(type, MethodType.methodType(void.class, parameterTypes))
				.asSpreader(Object[].class, components.length)
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot access the components of " + type.getName(), ex);
		}
	}

	/**
	 * Returns the shape of a record.
	 * @param type the record type
	 * @param lookup a lookup with access to the record's canonical constructor and
	 * accessors
	 * @param <R> the record type
	 * @return the shape
	 */
	static <R extends Record> RecordShape<R> of(Class<R> type, MethodHandles.Lookup lookup) {
		return new RecordShape<>(type, lookup);
	}

	/**
	 * Returns the index of a component.
	 * @param name the component's name
	 * @return its index
	 */
	int index(String name) {
		Integer index = this.indexes.get(name);
		if (index == null) {
			throw new IllegalArgumentException("No component named " + name);
		}
		return index;
	}

	/**
	 * Returns the number of components.
	 * @return the number of components
	 */
	int size() {
		return this.names.length;
	}

	/**
	 * Reads every component of a record.
	 * @param record the record
	 * @return the values, in component order, in a new array
	 */
	@Nullable Object[] values(R record) {
		@Nullable Object[] values = new Object[this.accessors.length];
		try {
			for (int i = 0; i < values.length; i++) {
				values[i] = (Object) this.accessors[i].invokeExact((Object) record);
			}
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
		return values;
	}

	/**
	 * Creates a record through its canonical constructor.
	 * @param values the values, in component order
	 * @return the record
	 */
	@SuppressWarnings("unchecked")
	R create(@Nullable Object[] values) {
		try {
			return (R) (Object) this.constructor.invokeExact((Object[]) values);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	private static RuntimeException rethrow(Throwable ex) {
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(ex);
	}

}

package com.mulerun.chat.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;
import tools.jackson.databind.module.SimpleModule;

/**
 * Creates the model's records through one cached method handle per constructor. Jackson
 * 3.1 calls a record's constructor with {@code MethodHandle.invokeWithArguments}, which
 * on JDK 17 builds a new spreader (a {@code MethodType}, array copies, a bound handle)
 * for every record it creates: about 13 % of the bytes allocated per streamed chunk (see
 * {@code docs/benchmarks.md}). This module gives every public constructor-based creator
 * an instantiator that spreads the arguments through a handle built once, with
 * {@code invokeExact}.
 */
final class RecordCreatorModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the module.
	 */
	RecordCreatorModule() {
		super("mulerun-record-creators");
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.addValueInstantiators(new ValueInstantiators.Base() {

			@Override
			public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
					BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
				if (defaultInstantiator.getClass() == StdValueInstantiator.class) {
					StdValueInstantiator standard = (StdValueInstantiator) defaultInstantiator;
					AnnotatedWithParams creator = standard.getWithArgsCreator();
					if (creator != null && creator.getAnnotated() instanceof Constructor<?> constructor
							&& Modifier.isPublic(constructor.getModifiers())
							&& Modifier.isPublic(constructor.getDeclaringClass().getModifiers())) {
						return new SpreadInstantiator(standard, constructor);
					}
				}
				return defaultInstantiator;
			}

		});
	}

	/**
	 * Calls the creator constructor through a cached spreading handle.
	 */
	static final class SpreadInstantiator extends StdValueInstantiator {

		private static final long serialVersionUID = 1L;

		private final transient MethodHandle creator;

		SpreadInstantiator(StdValueInstantiator source, Constructor<?> constructor) {
			super(source);
			try {
				this.creator = MethodHandles.publicLookup()
					.unreflectConstructor(constructor)
					.asSpreader(Object[].class, constructor.getParameterCount())
					.asType(MethodType.methodType(Object.class, Object[].class));
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
			try {
				return (Object) this.creator.invokeExact(args);
			}
			catch (Exception ex) {
				return ctxt.handleInstantiationProblem(getValueClass(), args, rewrapCtorProblem(ctxt, ex));
			}
			catch (Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}

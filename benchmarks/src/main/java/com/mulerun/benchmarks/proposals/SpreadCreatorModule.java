package com.mulerun.benchmarks.proposals;

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
 * A proposed fix, prototyped here (not in mulerun-chat) so the benchmarks can measure it: Jackson 3.1's
 * {@code AnnotatedConstructor.call(Object[])} creates every record through {@code MethodHandle.invokeWithArguments},
 * which on JDK 17 builds a new spreader (a {@code MethodType}, {@code Class[]} copies, a bound method handle) on
 * every call. This module gives every public constructor-based property creator (all the model's records) an
 * instantiator that spreads the arguments through one cached handle with {@code invokeExact}.
 *
 * <p>Register it on the template's mapper: {@code ChatJson.mapper().rebuild().addModule(new
 * SpreadCreatorModule()).build()}.
 */
public final class SpreadCreatorModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the module.
	 */
	public SpreadCreatorModule() {
		super("spread-creators");
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

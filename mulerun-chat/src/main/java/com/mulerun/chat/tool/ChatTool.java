package com.mulerun.chat.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a tool the model may call; {@link ChatTools#from(Object...)} collects
 * the annotated methods of the objects it is given.
 *
 * <p>
 * The parameters of the method become the tool's JSON-schema parameters (by their names,
 * so compile with {@code -parameters}; describe them with {@link ChatToolParam}). The
 * return value is sent back to the model: a {@code String} as it is, {@code void} as a
 * short confirmation, anything else as JSON. A method that returns a
 * {@link reactor.core.publisher.Mono} runs without blocking a thread; any other method
 * may block and never runs on an event loop: on the caller's thread under a blocking
 * {@code create} (one call in the round, or {@code maxConcurrency(1)}), else on a worker
 * thread (see {@link ChatTools.Builder#scheduler}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChatTool {

	/**
	 * Returns what the tool does; the model reads it to decide when and how to call the
	 * tool.
	 * @return the description
	 */
	String description();

	/**
	 * Returns the tool's name, by default the method's name; it must match
	 * {@code ^[a-zA-Z0-9_-]{1,64}$}.
	 * @return the name, or an empty string for the method's name
	 */
	String name() default "";

}

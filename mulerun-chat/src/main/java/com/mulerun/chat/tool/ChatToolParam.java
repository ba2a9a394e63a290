package com.mulerun.chat.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a parameter of a {@link ChatTool} method, or a component of the input record
 * of a lambda tool.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
public @interface ChatToolParam {

	/**
	 * Returns what the parameter means, for the model.
	 * @return the description, or an empty string for none
	 */
	String description() default "";

	/**
	 * Returns whether the model must always pass the parameter; an optional parameter the
	 * model leaves out is {@code null} (or the default value of a primitive type).
	 * @return whether it is required
	 */
	boolean required() default true;

}

package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Which function the model calls ({@code function_call}, deprecated in favour of
 * {@link ToolChoice}): a {@link Mode} ({@code none} or {@code auto}) or a {@link Named}
 * function.
 */
@JsonDeserialize(using = FunctionCallOption.Deserializer.class)
public sealed interface FunctionCallOption permits FunctionCallOption.Mode, FunctionCallOption.Named {

	/**
	 * The model calls no function.
	 * @return the option
	 */
	static Mode none() {
		return new Mode("none");
	}

	/**
	 * The model chooses between answering and calling a function.
	 * @return the option
	 */
	static Mode auto() {
		return new Mode("auto");
	}

	/**
	 * The model calls the named function.
	 * @param name the function's name
	 * @return the option
	 */
	static Named function(String name) {
		return new Named(name, null);
	}

	/**
	 * The string form: {@code none} or {@code auto}.
	 *
	 * @param value the value
	 */
	record Mode(@JsonValue String value) implements FunctionCallOption {

		/**
		 * Creates a mode.
		 * @param value the value
		 */
		public Mode {
			Objects.requireNonNull(value, "value must not be null");
		}

	}

	/**
	 * Forces a call of the named function ({@code {"name": ...}}).
	 *
	 * @param name the function's name
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record Named(@JsonProperty("name") String name,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements FunctionCallOption {

		/**
		 * Creates the option.
		 * @param name the function's name
		 * @param extra properties the model does not name, or {@code null}
		 */
		public Named(String name, @Nullable Map<String, Object> extra) {
			this.name = Objects.requireNonNull(name, "name must not be null");
			this.extra = ModelSupport.extra(extra);
		}

	}

	/**
	 * Reads the string and object forms.
	 */
	final class Deserializer extends ValueDeserializer<FunctionCallOption> {

		@Override
		public FunctionCallOption deserialize(tools.jackson.core.JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			if (node.isString()) {
				return new Mode(node.asString());
			}
			return context.readTreeAsValue(node, Named.class);
		}

	}

}

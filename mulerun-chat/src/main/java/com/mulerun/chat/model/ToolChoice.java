package com.mulerun.chat.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Which tool the model calls ({@code tool_choice}): a {@link Mode} ({@code none},
 * {@code auto}, {@code required}), a set of {@link AllowedToolsChoice allowed tools}, a
 * {@link NamedFunction named function}, a {@link NamedCustom named custom tool}, or
 * {@link Other} for a form this client does not know.
 */
@JsonDeserialize(using = ToolChoice.Deserializer.class)
public sealed interface ToolChoice permits ToolChoice.Mode, ToolChoice.AllowedToolsChoice, ToolChoice.NamedFunction,
		ToolChoice.NamedCustom, ToolChoice.Other {

	/**
	 * The model calls no tool.
	 * @return the choice
	 */
	static Mode none() {
		return Mode.NONE;
	}

	/**
	 * The model chooses between answering and calling tools.
	 * @return the choice
	 */
	static Mode auto() {
		return Mode.AUTO;
	}

	/**
	 * The model calls one or more tools.
	 * @return the choice
	 */
	static Mode required() {
		return Mode.REQUIRED;
	}

	/**
	 * The model calls the named function.
	 * @param name the function's name
	 * @return the choice
	 */
	static NamedFunction function(String name) {
		return new NamedFunction(new NamedFunction.Name(name, null), null);
	}

	/**
	 * The model calls the named custom tool.
	 * @param name the tool's name
	 * @return the choice
	 */
	static NamedCustom custom(String name) {
		return new NamedCustom(new NamedFunction.Name(name, null), null);
	}

	/**
	 * The model may only use the given tools.
	 * @param mode {@code auto} or {@code required}
	 * @param tools tool definitions such as {@code {"type": "function", "function":
	 * {"name": "get_weather"}}}
	 * @return the choice
	 */
	static AllowedToolsChoice allowedTools(String mode, List<Map<String, Object>> tools) {
		return new AllowedToolsChoice(new AllowedTools(mode, tools, null), null);
	}

	/**
	 * A tool choice given as a string: {@code none}, {@code auto}, {@code required}, or
	 * another value a provider accepts.
	 *
	 * @param value the value
	 */
	record Mode(@JsonValue String value) implements ToolChoice {

		/** The model calls no tool. */
		public static final Mode NONE = new Mode("none");

		/** The model chooses between answering and calling tools. */
		public static final Mode AUTO = new Mode("auto");

		/** The model calls one or more tools. */
		public static final Mode REQUIRED = new Mode("required");

		/**
		 * Creates a mode.
		 * @param value the value
		 */
		public Mode {
			Objects.requireNonNull(value, "value must not be null");
		}

	}

	/**
	 * Constrains the tools the model may use ({@code {"type": "allowed_tools",
	 * "allowed_tools": {...}}}).
	 *
	 * @param allowedTools the allowed tools and the mode
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record AllowedToolsChoice(@JsonProperty("allowed_tools") AllowedTools allowedTools,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ToolChoice {

		/**
		 * Creates the choice.
		 * @param allowedTools the allowed tools
		 * @param extra properties the model does not name, or {@code null}
		 */
		public AllowedToolsChoice(AllowedTools allowedTools, @Nullable Map<String, Object> extra) {
			this.allowedTools = Objects.requireNonNull(allowedTools, "allowedTools must not be null");
			this.extra = ModelSupport.extra(extra);
		}

		/**
		 * Returns the type, {@code allowed_tools}.
		 * @return the type
		 */
		@JsonProperty("type")
		public String type() {
			return "allowed_tools";
		}

	}

	/**
	 * Forces a call of the named function ({@code {"type": "function", "function":
	 * {"name": ...}}}).
	 *
	 * @param function the function's name
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record NamedFunction(@JsonProperty("function") Name function,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ToolChoice {

		/**
		 * Creates the choice.
		 * @param function the function's name
		 * @param extra properties the model does not name, or {@code null}
		 */
		public NamedFunction(Name function, @Nullable Map<String, Object> extra) {
			this.function = Objects.requireNonNull(function, "function must not be null");
			this.extra = ModelSupport.extra(extra);
		}

		/**
		 * Returns the type, {@code function}.
		 * @return the type
		 */
		@JsonProperty("type")
		public String type() {
			return "function";
		}

		/**
		 * The name of the tool a {@link NamedFunction} or {@link NamedCustom} choice
		 * forces.
		 *
		 * @param name the name
		 * @param extra properties the model does not name
		 */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		public record Name(@JsonProperty("name") String name, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

			/**
			 * Creates a name.
			 * @param name the name
			 * @param extra properties the model does not name, or {@code null}
			 */
			public Name(String name, @Nullable Map<String, Object> extra) {
				this.name = Objects.requireNonNull(name, "name must not be null");
				this.extra = ModelSupport.extra(extra);
			}

		}

	}

	/**
	 * Forces a call of the named custom tool ({@code {"type": "custom", "custom":
	 * {"name": ...}}}).
	 *
	 * @param custom the tool's name
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record NamedCustom(@JsonProperty("custom") NamedFunction.Name custom,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ToolChoice {

		/**
		 * Creates the choice.
		 * @param custom the tool's name
		 * @param extra properties the model does not name, or {@code null}
		 */
		public NamedCustom(NamedFunction.Name custom, @Nullable Map<String, Object> extra) {
			this.custom = Objects.requireNonNull(custom, "custom must not be null");
			this.extra = ModelSupport.extra(extra);
		}

		/**
		 * Returns the type, {@code custom}.
		 * @return the type
		 */
		@JsonProperty("type")
		public String type() {
			return "custom";
		}

	}

	/**
	 * A tool choice object whose {@code type} this client does not know; every property
	 * is kept.
	 *
	 * @param type the type as sent on the wire
	 * @param extra every other property
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record Other(@JsonProperty("type") @Nullable String type,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ToolChoice {

		/**
		 * Creates the choice.
		 * @param type the type, or {@code null}
		 * @param extra every other property, or {@code null}
		 */
		public Other(@Nullable String type, @Nullable Map<String, Object> extra) {
			this.type = type;
			this.extra = ModelSupport.extra(extra);
		}

	}

	/**
	 * Reads the string and object forms.
	 */
	final class Deserializer extends DiscriminatorDeserializer<ToolChoice> {

		Deserializer() {
			super("type", Map.of("allowed_tools", AllowedToolsChoice.class, "function", NamedFunction.class, "custom",
					NamedCustom.class), Other.class);
		}

		@Override
		protected ToolChoice fromNonObject(JsonNode node, DeserializationContext context) {
			if (node.isString()) {
				return new Mode(node.asString());
			}
			return super.fromNonObject(node, context);
		}

	}

}

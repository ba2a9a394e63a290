package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The input format of a custom tool: unconstrained {@code text}, or a {@code grammar}.
 *
 * @param type the format type: {@code text} or {@code grammar}
 * @param grammar the grammar, when the type is {@code grammar}
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomToolFormat(@JsonProperty("type") String type, @JsonProperty("grammar") @Nullable Grammar grammar,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code CustomToolFormat}.
	 * @param type the format type: {@code text} or {@code grammar}
	 * @param grammar the grammar, when the type is {@code grammar}, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public CustomToolFormat(String type, @Nullable Grammar grammar, @Nullable Map<String, Object> extra) {
		this.type = Objects.requireNonNull(type, "type must not be null");
		this.grammar = grammar;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Returns the unconstrained text format.
	 * @return the format
	 */
	public static CustomToolFormat text() {
		return new CustomToolFormat("text", null, null);
	}

	/**
	 * Returns a grammar format.
	 * @param definition the grammar definition
	 * @param syntax {@code lark} or {@code regex}
	 * @return the format
	 */
	public static CustomToolFormat grammar(String definition, String syntax) {
		return new CustomToolFormat("grammar", new Grammar(definition, syntax, null), null);
	}

	/**
	 * A grammar that constrains a custom tool's input.
	 *
	 * @param definition the grammar definition
	 * @param syntax the syntax of the definition: {@code lark} or {@code regex}
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Grammar(@JsonProperty("definition") String definition, @JsonProperty("syntax") String syntax,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates a {@code Grammar}.
		 * @param definition the grammar definition
		 * @param syntax the syntax of the definition: {@code lark} or {@code regex}
		 * @param extra properties the model does not name, or {@code null}
		 */
		public Grammar(String definition, String syntax, @Nullable Map<String, Object> extra) {
			this.definition = Objects.requireNonNull(definition, "definition must not be null");
			this.syntax = Objects.requireNonNull(syntax, "syntax must not be null");
			this.extra = ModelSupport.extra(extra);
		}

	}

}

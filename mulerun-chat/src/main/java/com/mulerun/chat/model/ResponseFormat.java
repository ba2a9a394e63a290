package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The format the model must answer in ({@code response_format}): {@link Text text},
 * {@link JsonObject json_object} (JSON mode), {@link JsonSchemaFormat json_schema}
 * (structured outputs), or {@link Other} for a type this client does not know.
 */
@JsonDeserialize(using = ResponseFormat.Deserializer.class)
public sealed interface ResponseFormat
		permits ResponseFormat.Text, ResponseFormat.JsonObject, ResponseFormat.JsonSchemaFormat, ResponseFormat.Other {

	/**
	 * Returns the format's type as sent on the wire.
	 * @return the type
	 */
	String type();

	/**
	 * Returns the default text format.
	 * @return the format
	 */
	static Text text() {
		return new Text(null);
	}

	/**
	 * Returns JSON mode: the answer is valid JSON.
	 * @return the format
	 */
	static JsonObject jsonObject() {
		return new JsonObject(null);
	}

	/**
	 * Returns structured outputs: the answer follows the JSON Schema.
	 * @param name the name of the format
	 * @param schema the JSON Schema
	 * @param strict whether to follow the schema exactly, or {@code null}
	 * @return the format
	 */
	static JsonSchemaFormat jsonSchema(String name, Map<String, Object> schema, @Nullable Boolean strict) {
		return new JsonSchemaFormat(new JsonSchema(name, null, schema, strict, null), null);
	}

	/**
	 * The default text format ({@code {"type": "text"}}).
	 *
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record Text(@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseFormat {

		/**
		 * Creates the format.
		 * @param extra properties the model does not name, or {@code null}
		 */
		public Text(@Nullable Map<String, Object> extra) {
			this.extra = ModelSupport.extra(extra);
		}

		@Override
		@JsonProperty("type")
		public String type() {
			return "text";
		}

	}

	/**
	 * JSON mode ({@code {"type": "json_object"}}).
	 *
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record JsonObject(@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseFormat {

		/**
		 * Creates the format.
		 * @param extra properties the model does not name, or {@code null}
		 */
		public JsonObject(@Nullable Map<String, Object> extra) {
			this.extra = ModelSupport.extra(extra);
		}

		@Override
		@JsonProperty("type")
		public String type() {
			return "json_object";
		}

	}

	/**
	 * Structured outputs ({@code {"type": "json_schema", "json_schema": {...}}}).
	 *
	 * @param jsonSchema the schema and its settings
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record JsonSchemaFormat(@JsonProperty("json_schema") JsonSchema jsonSchema,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseFormat {

		/**
		 * Creates the format.
		 * @param jsonSchema the schema
		 * @param extra properties the model does not name, or {@code null}
		 */
		public JsonSchemaFormat(JsonSchema jsonSchema, @Nullable Map<String, Object> extra) {
			this.jsonSchema = Objects.requireNonNull(jsonSchema, "jsonSchema must not be null");
			this.extra = ModelSupport.extra(extra);
		}

		@Override
		@JsonProperty("type")
		public String type() {
			return "json_schema";
		}

	}

	/**
	 * A response format whose {@code type} this client does not know; every property is
	 * kept.
	 *
	 * @param type the type as sent on the wire
	 * @param extra every other property
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonDeserialize(using = ValueDeserializer.None.class)
	record Other(@JsonProperty("type") String type,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseFormat {

		/**
		 * Creates the format.
		 * @param type the type
		 * @param extra every other property, or {@code null}
		 */
		public Other(@Nullable String type, @Nullable Map<String, Object> extra) {
			this.type = Objects.requireNonNullElse(type, "");
			this.extra = ModelSupport.extra(extra);
		}

	}

	/**
	 * Reads formats by their {@code type}.
	 */
	final class Deserializer extends DiscriminatorDeserializer<ResponseFormat> {

		Deserializer() {
			super("type",
					Map.of("text", Text.class, "json_object", JsonObject.class, "json_schema", JsonSchemaFormat.class),
					Other.class);
		}

	}

}

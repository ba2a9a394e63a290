package com.mulerun.chat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper the client reads and writes the model with.
 *
 * <p>
 * The model's annotations carry its wire format, so any Jackson 3 mapper reads and writes
 * it; this one adds the leniency real providers need (a fractional {@code created}, for
 * example) and is independent of how an application configures its own mapper (a global
 * naming strategy or inclusion rule cannot change what is sent).
 */
public final class ChatJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.addModule(new RecordCreatorModule())
		.build();

	private ChatJson() {
	}

	/**
	 * Returns the shared, thread-safe mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}

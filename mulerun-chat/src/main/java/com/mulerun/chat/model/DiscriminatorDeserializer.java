package com.mulerun.chat.model;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a member of a sealed union by a discriminator property ({@code role},
 * {@code type}), falling back to a lenient "other" type that keeps the raw value for
 * discriminators it does not know.
 *
 * @param <T> the union type
 */
abstract class DiscriminatorDeserializer<T> extends ValueDeserializer<T> {

	private final String property;

	private final Map<String, Class<? extends T>> types;

	private final Class<? extends T> fallback;

	DiscriminatorDeserializer(String property, Map<String, Class<? extends T>> types, Class<? extends T> fallback) {
		this.property = property;
		this.types = types;
		this.fallback = fallback;
	}

	@Override
	public T deserialize(JsonParser parser, DeserializationContext context) {
		JsonNode node = context.readTree(parser);
		if (!node.isObject()) {
			return fromNonObject(node, context);
		}
		String discriminator = text(node.get(this.property));
		Class<? extends T> type = (discriminator != null) ? this.types.get(discriminator) : null;
		if (type == null) {
			type = typeWithoutKnownDiscriminator(node, discriminator);
		}
		return context.readTreeAsValue(node, type);
	}

	/**
	 * Chooses the type of an object whose discriminator is missing or unknown; the
	 * lenient fallback type unless a subclass recognises the shape.
	 * @param node the object
	 * @param discriminator the discriminator, or {@code null} when missing
	 * @return the type to read
	 */
	protected Class<? extends T> typeWithoutKnownDiscriminator(JsonNode node, @Nullable String discriminator) {
		return this.fallback;
	}

	/**
	 * Reads a value that is not a JSON object (for example the string form of a tool
	 * choice).
	 * @param node the value
	 * @param context the context
	 * @return the value
	 */
	protected T fromNonObject(JsonNode node, DeserializationContext context) {
		return context.reportInputMismatch(this, "Expected a JSON object with a '%s' member but got %s", this.property,
				node.getNodeType());
	}

	static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : null;
	}

}

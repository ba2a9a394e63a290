package com.mulerun.chat.structured;

import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.MapType;

/**
 * Lets a mapper read a {@link Map} from the entries form {@link JsonSchemaGenerator}
 * describes maps with, {@code [{"key": k, "value": v}, ...]}, as well as from an ordinary
 * JSON object. Structured output and the arguments of tools read with it.
 */
public final class MapEntriesModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the module.
	 */
	public MapEntriesModule() {
		super("mulerun-map-entries");
		setDeserializerModifier(new ValueDeserializerModifier() {

			private static final long serialVersionUID = 1L;

			@Override
			public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
					BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
				return new EntriesDeserializer(deserializer);
			}

		});
	}

	/**
	 * Turns an array of entries into an object and hands it to the map deserializer it
	 * wraps.
	 */
	static final class EntriesDeserializer extends DelegatingDeserializer {

		EntriesDeserializer(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new EntriesDeserializer(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.START_ARRAY)) {
				return super.deserialize(parser, context);
			}
			JsonNode entries = context.readTree(parser);
			ObjectNode object = context.getNodeFactory().objectNode();
			for (JsonNode entry : (ArrayNode) entries) {
				JsonNode key = entry.get(JsonSchemaGenerator.ENTRY_KEY);
				if (!entry.isObject() || key == null || !key.isValueNode() || key.isNull()) {
					return context.reportInputMismatch(this,
							"Expected a map entry {\"key\": ..., \"value\": ...} but got %s", entry.getNodeType());
				}
				JsonNode value = entry.get(JsonSchemaGenerator.ENTRY_VALUE);
				object.set(key.asString(), (value != null) ? value : context.getNodeFactory().nullNode());
			}
			try (JsonParser objectParser = object.traverse(context)) {
				objectParser.nextToken();
				return super.deserialize(objectParser, context);
			}
		}

	}

}

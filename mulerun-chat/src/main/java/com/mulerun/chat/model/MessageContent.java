package com.mulerun.chat.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code content} of a message: either a plain string ({@link Text}) or an array of
 * content parts ({@link Parts}). Responses use the same type, so a gateway that answers
 * with an array of parts is read without error.
 */
@JsonDeserialize(using = MessageContent.Deserializer.class)
public sealed interface MessageContent permits MessageContent.Text, MessageContent.Parts {

	/**
	 * Returns the text of this content: the string itself, or the text parts joined
	 * together.
	 * @return the text, never {@code null}
	 */
	String text();

	/**
	 * Creates string content.
	 * @param text the text
	 * @return the content
	 */
	static Text of(String text) {
		return new Text(text);
	}

	/**
	 * Creates content made of parts.
	 * @param parts the parts
	 * @return the content
	 */
	static Parts of(List<? extends ContentPart> parts) {
		return new Parts(List.copyOf(parts));
	}

	/**
	 * Creates content made of parts.
	 * @param parts the parts
	 * @return the content
	 */
	static Parts of(ContentPart... parts) {
		return new Parts(List.of(parts));
	}

	/**
	 * String content.
	 *
	 * @param text the text
	 */
	record Text(@JsonValue String text) implements MessageContent {

		/**
		 * Creates string content.
		 * @param text the text
		 */
		public Text {
			Objects.requireNonNull(text, "text must not be null");
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

	/**
	 * Content made of parts.
	 *
	 * @param parts the parts, in order
	 */
	record Parts(@JsonValue List<ContentPart> parts) implements MessageContent {

		/**
		 * Creates content made of parts.
		 * @param parts the parts
		 */
		public Parts {
			parts = List.copyOf(parts);
		}

		@Override
		public String text() {
			StringBuilder text = new StringBuilder();
			for (ContentPart part : this.parts) {
				if (part instanceof TextPart textPart) {
					text.append(textPart.text());
				}
			}
			return text.toString();
		}

	}

	/**
	 * Reads a string or an array of parts.
	 */
	final class Deserializer extends ValueDeserializer<MessageContent> {

		@Override
		public MessageContent deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_STRING) {
				return new Text(parser.getString());
			}
			if (token == JsonToken.START_ARRAY) {
				List<ContentPart> parts = new ArrayList<>();
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					if (parser.currentToken() == JsonToken.VALUE_NULL) {
						continue;
					}
					parts.add(context.readValue(parser, ContentPart.class));
				}
				return new Parts(parts);
			}
			if (token == JsonToken.START_OBJECT) {
				return new Parts(List.of(context.readValue(parser, ContentPart.class)));
			}
			return (MessageContent) context.handleUnexpectedToken(MessageContent.class, parser);
		}

	}

}

package com.mulerun.chat.model;

import java.util.Map;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One part of a message's content, told apart by {@code type}: {@link TextPart text},
 * {@link ImagePart image_url}, {@link AudioPart input_audio}, {@link FilePart file},
 * {@link RefusalPart refusal}, or {@link OtherPart} for a type this client does not know.
 */
@JsonDeserialize(using = ContentPart.Deserializer.class)
public sealed interface ContentPart permits TextPart, ImagePart, AudioPart, FilePart, RefusalPart, OtherPart {

	/**
	 * Returns the part's type as sent on the wire.
	 * @return the type
	 */
	String type();

	/**
	 * Returns the properties of this part that the model does not name.
	 * @return the unknown properties, never {@code null}
	 */
	Map<String, Object> extra();

	/**
	 * Creates a text part.
	 * @param text the text
	 * @return the part
	 */
	static TextPart text(String text) {
		return new TextPart(text, null);
	}

	/**
	 * Creates an image part from a URL or a {@code data:} URL.
	 * @param url the image URL
	 * @return the part
	 */
	static ImagePart imageUrl(String url) {
		return new ImagePart(new ImagePart.ImageUrl(url, null, null), null);
	}

	/**
	 * Reads parts by their {@code type}.
	 */
	final class Deserializer extends DiscriminatorDeserializer<ContentPart> {

		Deserializer() {
			super("type", Map.of("text", TextPart.class, "image_url", ImagePart.class, "input_audio", AudioPart.class,
					"file", FilePart.class, "refusal", RefusalPart.class), OtherPart.class);
		}

	}

}

package com.mulerun.chat.structured;

import java.util.Objects;

import com.mulerun.chat.model.ChatCompletion;

/**
 * A structured answer: the value parsed into the requested type and the completion it
 * came from (for its usage, id and model).
 *
 * @param <T> the requested type
 * @param value the value
 * @param completion the completion of the call that gave the value (the last one when
 * repairs were needed)
 */
public record ChatEntity<T>(T value, ChatCompletion completion) {

	/**
	 * Creates an entity.
	 * @param value the value
	 * @param completion the completion
	 */
	public ChatEntity {
		Objects.requireNonNull(value, "value must not be null");
		Objects.requireNonNull(completion, "completion must not be null");
	}

}

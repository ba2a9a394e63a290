package com.mulerun.chat.model;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A message of the conversation, told apart by {@code role}: {@link DeveloperMessage
 * developer}, {@link SystemMessage system}, {@link UserMessage user},
 * {@link AssistantMessage assistant}, {@link ToolMessage tool}, the deprecated
 * {@link FunctionMessage function}, or {@link OtherMessage} for a role this client does
 * not know.
 *
 * <p>
 * The assistant message of a response is an {@link AssistantMessage} too, so it can be
 * appended to the next request as it is, with every field a provider added.
 */
@JsonDeserialize(using = ChatMessage.Deserializer.class)
public sealed interface ChatMessage permits DeveloperMessage, SystemMessage, UserMessage, AssistantMessage, ToolMessage,
		FunctionMessage, OtherMessage {

	/**
	 * Returns the role of the message author.
	 * @return the role
	 */
	Role role();

	/**
	 * Returns the message's content, or {@code null} when it has none (an assistant
	 * message with only tool calls, for example).
	 * @return the content
	 */
	@Nullable MessageContent content();

	/**
	 * Returns the properties of this message that the model does not name.
	 * @return the unknown properties, never {@code null}
	 */
	Map<String, Object> extra();

	/**
	 * Creates a system message.
	 * @param content the instructions
	 * @return the message
	 */
	static SystemMessage system(String content) {
		return new SystemMessage(MessageContent.of(content), null, null);
	}

	/**
	 * Creates a developer message (instructions for reasoning models that replace system
	 * messages).
	 * @param content the instructions
	 * @return the message
	 */
	static DeveloperMessage developer(String content) {
		return new DeveloperMessage(MessageContent.of(content), null, null);
	}

	/**
	 * Creates a user message with text content.
	 * @param content the text
	 * @return the message
	 */
	static UserMessage user(String content) {
		return new UserMessage(MessageContent.of(content), null, null);
	}

	/**
	 * Creates a user message with content parts (text, images, audio, files).
	 * @param parts the parts
	 * @return the message
	 */
	static UserMessage user(ContentPart... parts) {
		return new UserMessage(MessageContent.of(parts), null, null);
	}

	/**
	 * Creates an assistant message with text content, for example a previous answer.
	 * @param content the text
	 * @return the message
	 */
	static AssistantMessage assistant(String content) {
		return AssistantMessage.builder().content(content).build();
	}

	/**
	 * Creates a tool message that answers a tool call.
	 * @param toolCallId the id of the tool call this message answers
	 * @param content the tool's result
	 * @return the message
	 */
	static ToolMessage tool(String toolCallId, String content) {
		return new ToolMessage(MessageContent.of(content), toolCallId, null);
	}

	/**
	 * Reads messages by their {@code role}.
	 */
	final class Deserializer extends DiscriminatorDeserializer<ChatMessage> {

		Deserializer() {
			super("role",
					Map.of("developer", DeveloperMessage.class, "system", SystemMessage.class, "user",
							UserMessage.class, "assistant", AssistantMessage.class, "tool", ToolMessage.class,
							"function", FunctionMessage.class),
					OtherMessage.class);
		}

	}

}

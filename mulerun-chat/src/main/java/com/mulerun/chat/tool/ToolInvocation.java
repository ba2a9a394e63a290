package com.mulerun.chat.tool;

/**
 * One tool call the model asked for, as a {@link ToolCallListener} sees it.
 *
 * @param toolName the name of the tool the model called
 * @param toolCallId the id of the call, which the tool message answering it refers to
 * @param arguments the arguments exactly as the model generated them (JSON that may be
 * invalid)
 * @param round the round of the conversation, 1 for the calls of the first answer
 */
public record ToolInvocation(String toolName, String toolCallId, String arguments, int round) {

}

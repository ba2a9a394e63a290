package com.mulerun.chat.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.Role;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolCallDelta;
import com.mulerun.chat.model.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Turns a whole chat completion into the chunks a stream of it would have carried, for
 * gateways that answer a stream request with a cached JSON completion: per choice a chunk
 * with the role and the whole message, then a chunk with the finish reason, then a usage
 * chunk without choices. Aggregating the chunks gives the completion back.
 */
public final class CompletionChunks {

	private static final String CHUNK_OBJECT = "chat.completion.chunk";

	private CompletionChunks() {
	}

	/**
	 * Returns the chunks equivalent to a completion.
	 * @param completion the completion
	 * @return the chunks, in stream order
	 */
	public static List<ChatCompletionChunk> of(ChatCompletion completion) {
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		List<Choice> choices = (completion.choices() != null) ? completion.choices() : List.of();
		for (int i = 0; i < choices.size(); i++) {
			Choice choice = choices.get(i);
			int index = (choice.index() != null) ? choice.index() : i;
			AssistantMessage message = choice.message();
			chunks.add(chunk(completion, List.of(new ChunkChoice(index, delta(message), choice.logprobs(), null, null)),
					null));
			if (choice.finishReason() != null) {
				chunks.add(chunk(completion,
						List.of(new ChunkChoice(index, new Delta(null, null, null, null, null, null, null, null, null),
								null, choice.finishReason(), null)),
						null));
			}
		}
		if (completion.usage() != null) {
			chunks.add(chunk(completion, List.of(), completion.usage()));
		}
		return chunks;
	}

	private static ChatCompletionChunk chunk(ChatCompletion completion, List<ChunkChoice> choices,
			@Nullable Usage usage) {
		return new ChatCompletionChunk(completion.id(), CHUNK_OBJECT, completion.created(), completion.model(), choices,
				usage, completion.serviceTier(), completion.systemFingerprint(), null);
	}

	private static Delta delta(@Nullable AssistantMessage message) {
		if (message == null) {
			return new Delta(Role.ASSISTANT, null, null, null, null, null, null, null, null);
		}
		Map<String, Object> extra = new LinkedHashMap<>(message.extra());
		if (message.annotations() != null) {
			extra.put("annotations", message.annotations());
		}
		return new Delta(Role.ASSISTANT, message.content(), message.refusal(), toolCallDeltas(message.toolCalls()),
				message.functionCall(), message.reasoningContent(), message.reasoning(), message.audio(), extra);
	}

	private static @Nullable List<ToolCallDelta> toolCallDeltas(@Nullable List<ToolCall> toolCalls) {
		if (toolCalls == null) {
			return null;
		}
		List<ToolCallDelta> deltas = new ArrayList<>(toolCalls.size());
		for (int i = 0; i < toolCalls.size(); i++) {
			ToolCall call = toolCalls.get(i);
			if (call instanceof FunctionToolCall function) {
				deltas
					.add(new ToolCallDelta(i, function.id(), call.type(), function.function(), null, function.extra()));
			}
			else if (call instanceof CustomToolCall custom) {
				deltas.add(new ToolCallDelta(i, custom.id(), call.type(), null, custom.custom(), custom.extra()));
			}
			else {
				deltas.add(new ToolCallDelta(i, call.id(), call.type(), null, null, call.extra()));
			}
		}
		return deltas;
	}

}

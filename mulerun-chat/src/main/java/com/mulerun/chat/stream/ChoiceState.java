package com.mulerun.chat.stream;

import com.mulerun.chat.model.Annotation;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.ContentPart;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.Logprobs;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.TextPart;
import com.mulerun.chat.model.TokenLogprob;
import com.mulerun.chat.model.ToolCallDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One choice of a streamed completion, merged from the choice's deltas and built into the
 * {@link Choice} a non-streaming response would hold (see
 * {@link ChatCompletionAggregator} for the rules).
 *
 * <p>
 * Text is collected in one {@link TextParts} per field and records are only built by
 * {@link #build()}. Tool calls are merged by a {@link ToolCallMerger}, the generated
 * audio by an {@link AudioState} and the deprecated function call by a
 * {@link FunctionCallState}.
 */
final class ChoiceState {

	private final int index;

	private @Nullable TextParts content;

	private @Nullable List<ContentPart> otherParts;

	private @Nullable TextParts refusal;

	private @Nullable TextParts reasoningContent;

	private @Nullable TextParts reasoning;

	private @Nullable List<Map<String, Object>> reasoningDetails;

	private @Nullable Map<Integer, Map<String, Object>> reasoningDetailsByIndex;

	private @Nullable List<Object> images;

	private @Nullable List<Annotation> annotations;

	// created when first needed, as are the extras below: a stream holds its choice's
	// state while it is open, most choices never have tool calls or extra fields
	private @Nullable Map<String, Object> messageExtra;

	private @Nullable AudioState audio;

	private @Nullable FunctionCallState functionCall;

	private @Nullable ToolCallMerger toolCalls;

	private boolean logprobsSeen;

	private @Nullable List<TokenLogprob> contentLogprobs;

	private @Nullable List<TokenLogprob> refusalLogprobs;

	private @Nullable Map<String, Object> logprobsExtra;

	private @Nullable FinishReason finishReason;

	private @Nullable Map<String, Object> choiceExtra;

	ChoiceState(int index) {
		this.index = index;
	}

	@Nullable FinishReason finishReason() {
		return this.finishReason;
	}

	boolean hasToolCalls() {
		return this.toolCalls != null && !this.toolCalls.isEmpty();
	}

	void add(ChunkChoice choice) {
		Delta delta = choice.delta();
		if (delta != null) {
			addDelta(delta);
		}
		Logprobs logprobs = choice.logprobs();
		if (logprobs != null) {
			addLogprobs(logprobs);
		}
		if (choice.finishReason() != null) {
			this.finishReason = choice.finishReason();
		}
		this.choiceExtra = Fragments.withAllNotNull(this.choiceExtra, choice.extra());
	}

	private void addDelta(Delta delta) {
		MessageContent content = delta.content();
		if (content instanceof MessageContent.Text text) {
			this.content = TextParts.append(this.content, text.text());
		}
		else if (content instanceof MessageContent.Parts parts) {
			addParts(parts.parts());
		}
		if (delta.refusal() != null) {
			this.refusal = TextParts.append(this.refusal, delta.refusal());
		}
		if (delta.reasoningContent() != null) {
			this.reasoningContent = TextParts.append(this.reasoningContent, delta.reasoningContent());
		}
		if (delta.reasoning() != null) {
			this.reasoning = TextParts.append(this.reasoning, delta.reasoning());
		}
		if (delta.audio() != null) {
			if (this.audio == null) {
				this.audio = new AudioState();
			}
			this.audio.add(delta.audio());
		}
		if (delta.functionCall() != null) {
			if (this.functionCall == null) {
				this.functionCall = new FunctionCallState();
			}
			this.functionCall.add(delta.functionCall());
		}
		List<ToolCallDelta> toolCallDeltas = delta.toolCalls();
		if (toolCallDeltas != null) {
			if (this.toolCalls == null) {
				this.toolCalls = new ToolCallMerger();
			}
			this.toolCalls.addAll(toolCallDeltas);
		}
		for (Map.Entry<String, Object> entry : delta.extra().entrySet()) {
			addDeltaExtra(entry.getKey(), entry.getValue());
		}
	}

	private void addParts(List<ContentPart> parts) {
		for (ContentPart part : parts) {
			if (part instanceof TextPart text) {
				this.content = TextParts.append(this.content, text.text());
			}
			else {
				if (this.otherParts == null) {
					this.otherParts = new ArrayList<>();
				}
				this.otherParts.add(part);
			}
		}
	}

	private void addDeltaExtra(String key, @Nullable Object value) {
		if (value == null) {
			return;
		}
		switch (key) {
			case "reasoning_details" -> addReasoningDetails(value);
			case "images" -> addImages(value);
			case "annotations" -> addAnnotations(value);
			default -> {
				if (this.messageExtra == null) {
					this.messageExtra = new LinkedHashMap<>();
				}
				this.messageExtra.put(key, value);
			}
		}
	}

	private void addReasoningDetails(Object value) {
		if (value instanceof List<?> list) {
			for (Object item : list) {
				addReasoningDetail(item);
			}
		}
		else {
			addReasoningDetail(value);
		}
	}

	@SuppressWarnings("unchecked")
	private void addReasoningDetail(@Nullable Object item) {
		if (!(item instanceof Map<?, ?> detail)) {
			return;
		}
		List<Map<String, Object>> details = this.reasoningDetails;
		Map<Integer, Map<String, Object>> byIndex = this.reasoningDetailsByIndex;
		if (details == null || byIndex == null) {
			details = new ArrayList<>();
			byIndex = new HashMap<>();
			this.reasoningDetails = details;
			this.reasoningDetailsByIndex = byIndex;
		}
		Object index = detail.get("index");
		Map<String, Object> merged = (index instanceof Number number) ? byIndex.get(number.intValue()) : null;
		if (merged == null) {
			merged = new LinkedHashMap<>((Map<String, Object>) detail);
			details.add(merged);
			if (index instanceof Number number) {
				byIndex.put(number.intValue(), merged);
			}
			return;
		}
		for (Map.Entry<?, ?> entry : detail.entrySet()) {
			String key = String.valueOf(entry.getKey());
			Object value = entry.getValue();
			Object existing = merged.get(key);
			if (("text".equals(key) || "summary".equals(key)) && value instanceof String text
					&& existing instanceof String previous) {
				merged.put(key, previous + text);
			}
			else if (existing == null || (existing instanceof String string && string.isEmpty())) {
				Fragments.putIfNotNull(merged, key, value);
			}
		}
	}

	private void addImages(Object value) {
		if (this.images == null) {
			this.images = new ArrayList<>();
		}
		if (value instanceof List<?> list) {
			this.images.addAll(list);
		}
		else {
			this.images.add(value);
		}
	}

	private void addAnnotations(Object value) {
		if (this.annotations == null) {
			this.annotations = new ArrayList<>();
		}
		if (value instanceof List<?> list) {
			for (Object item : list) {
				if (item != null) {
					this.annotations.add(toAnnotation(item));
				}
			}
		}
		else {
			this.annotations.add(toAnnotation(value));
		}
	}

	private static Annotation toAnnotation(Object value) {
		return (value instanceof Annotation annotation) ? annotation
				: ChatJson.mapper().convertValue(value, Annotation.class);
	}

	private void addLogprobs(Logprobs logprobs) {
		this.logprobsSeen = true;
		if (logprobs.content() != null) {
			if (this.contentLogprobs == null) {
				this.contentLogprobs = new ArrayList<>();
			}
			this.contentLogprobs.addAll(logprobs.content());
		}
		if (logprobs.refusal() != null) {
			if (this.refusalLogprobs == null) {
				this.refusalLogprobs = new ArrayList<>();
			}
			this.refusalLogprobs.addAll(logprobs.refusal());
		}
		this.logprobsExtra = Fragments.withAllNotNull(this.logprobsExtra, logprobs.extra());
	}

	Choice build() {
		AssistantMessage.Builder message = AssistantMessage.builder()
			.content(buildContent())
			.refusal(TextParts.textOrNull(this.refusal))
			.reasoningContent(TextParts.textOrNull(this.reasoningContent))
			.reasoning(TextParts.textOrNull(this.reasoning))
			.annotations(this.annotations);
		if (this.audio != null) {
			message.audio(this.audio.build());
		}
		if (this.functionCall != null) {
			message.functionCall(this.functionCall.build());
		}
		if (this.toolCalls != null && !this.toolCalls.isEmpty()) {
			message.toolCalls(this.toolCalls.build());
		}
		if (this.messageExtra != null) {
			message.extra(this.messageExtra);
		}
		if (this.reasoningDetails != null) {
			List<Map<String, Object>> details = new ArrayList<>(this.reasoningDetails.size());
			for (Map<String, Object> detail : this.reasoningDetails) {
				details.add(new LinkedHashMap<>(detail));
			}
			message.extra("reasoning_details", details);
		}
		if (this.images != null) {
			message.extra("images", new ArrayList<>(this.images));
		}
		Logprobs logprobs = this.logprobsSeen
				? new Logprobs(this.contentLogprobs, this.refusalLogprobs, this.logprobsExtra) : null;
		// a stop with tool calls becomes tool_calls in Choice, as for a completion read
		// whole
		return new Choice(this.index, message.build(), logprobs, this.finishReason, this.choiceExtra);
	}

	private @Nullable MessageContent buildContent() {
		String text = TextParts.textOrNull(this.content);
		if (this.otherParts == null) {
			return (text != null) ? MessageContent.of(text) : null;
		}
		List<ContentPart> parts = new ArrayList<>(this.otherParts.size() + 1);
		if (text != null) {
			parts.add(ContentPart.text(text));
		}
		parts.addAll(this.otherParts);
		return MessageContent.of(parts);
	}

}

package com.mulerun.chat.stream;

import com.mulerun.chat.model.Annotation;
import com.mulerun.chat.model.AssistantAudio;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.ContentPart;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.FunctionCall;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.Logprobs;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.ServiceTier;
import com.mulerun.chat.model.TextPart;
import com.mulerun.chat.model.TokenLogprob;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolCallDelta;
import com.mulerun.chat.model.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;


/**
 * Merges the chunks of a streamed chat completion into the {@link ChatCompletion} a non-streaming call would
 * have returned.
 *
 * <p>Feed every chunk in order to {@link #add(ChatCompletionChunk)}; {@link #result()} may be called at any
 * time and returns the aggregate so far (after a cancel, for example). Text is collected in one
 * {@link StringBuilder} per choice and field, and records are only built by {@link #result()}, so adding a
 * chunk costs time proportional to the chunk, not to the stream.
 *
 * <p>The rules follow what real gateways send:
 * <ul>
 * <li>{@code id}, {@code model}, {@code created}, {@code service_tier} and {@code system_fingerprint}: the first
 * non-empty value wins ({@code created} 0, as in Azure's prompt-filter prelude, counts as empty). Unknown
 * top-level fields are merged into the result's {@code extra} (last wins), except {@code error}.</li>
 * <li>Choices are grouped by {@code index} (0 when missing) and listed by index. Content, refusal,
 * {@code reasoning_content} and {@code reasoning} are concatenated; a text field that received no non-empty
 * text is {@code null}, as in a non-streaming response. Content parts other than text are kept, after a text
 * part holding the joined text. {@code reasoning_details} are merged by their {@code index}, {@code images}
 * are collected, {@code annotations} appended, log probabilities appended.</li>
 * <li>Tool call fragments are routed by {@code index}, else by {@code id}, else by {@code function.name}, else
 * to the most recent call; {@code id}, {@code type} and the name are set once (first non-empty value) and only
 * the arguments (or custom input) are concatenated, as raw text. A fragment with a new id and a name at an
 * index whose call already has a name starts a new call at that index.</li>
 * <li>{@code usage}: the last non-null value wins; usages are never added.</li>
 * <li>{@code finish_reason}: the last non-null value per choice. A raw {@code stop} of a choice with tool calls
 * (Gemini) becomes {@link FinishReason#TOOL_CALLS}, with the raw value kept as
 * {@link FinishReason#providerValue()}, the same rule as for a completion read whole. Unknown choice-level fields are merged into the choice's {@code extra} (last
 * wins).</li>
 * </ul>
 * Unknown fields whose value is {@code null} never replace a value received earlier.
 *
 * <p>Not thread-safe: use one aggregator per stream.
 */
public final class ChatCompletionAggregator {

	private static final String OBJECT = "chat.completion";


	private @Nullable String id;

	private @Nullable String model;

	private @Nullable Long created;

	private @Nullable ServiceTier serviceTier;

	private @Nullable String systemFingerprint;

	private @Nullable Usage usage;

	private final Map<String, Object> extra = new LinkedHashMap<>();

	private final TreeMap<Integer, ChoiceState> choices = new TreeMap<>();

	private int chunkCount;

	/**
	 * Creates an empty aggregator.
	 */
	public ChatCompletionAggregator() {
	}

	/**
	 * Aggregates a stream of chunks into one completion, emitted when the stream completes.
	 * <p>Each subscription uses its own aggregator; an empty stream yields a completion without choices, and
	 * an error of the stream is propagated.
	 * @param chunks the chunks of one streamed completion
	 * @return the aggregated completion
	 */
	public static Mono<ChatCompletion> aggregate(Flux<ChatCompletionChunk> chunks) {
		return chunks.collect(ChatCompletionAggregator::new, ChatCompletionAggregator::add)
			.map(ChatCompletionAggregator::result);
	}

	/**
	 * Adds the next chunk of the stream.
	 * @param chunk the chunk
	 */
	public void add(ChatCompletionChunk chunk) {
		this.chunkCount++;
		if (isEmpty(this.id) && !isEmpty(chunk.id())) {
			this.id = chunk.id();
		}
		if (isEmpty(this.model) && !isEmpty(chunk.model())) {
			this.model = chunk.model();
		}
		if ((this.created == null || this.created == 0L) && chunk.created() != null && chunk.created() != 0L) {
			this.created = chunk.created();
		}
		if (this.serviceTier == null && chunk.serviceTier() != null && !chunk.serviceTier().value().isEmpty()) {
			this.serviceTier = chunk.serviceTier();
		}
		if (isEmpty(this.systemFingerprint) && !isEmpty(chunk.systemFingerprint())) {
			this.systemFingerprint = chunk.systemFingerprint();
		}
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		for (Map.Entry<String, Object> entry : chunk.extra().entrySet()) {
			if (!"error".equals(entry.getKey())) {
				putIfNotNull(this.extra, entry.getKey(), entry.getValue());
			}
		}
		List<ChunkChoice> chunkChoices = chunk.choices();
		if (chunkChoices != null) {
			for (ChunkChoice choice : chunkChoices) {
				if (choice != null) {
					this.choices.computeIfAbsent(choice.indexOrZero(), ChoiceState::new).add(choice);
				}
			}
		}
	}

	/**
	 * Returns the number of chunks added so far.
	 * @return the number of chunks
	 */
	public int chunkCount() {
		return this.chunkCount;
	}

	/**
	 * Returns whether at least one choice was seen and every choice seen has a finish reason.
	 * <p>A result that is not complete may hold partial tool calls whose arguments were cut off: they must not
	 * be executed.
	 * @return {@code true} when every choice has finished
	 */
	public boolean isComplete() {
		if (this.choices.isEmpty()) {
			return false;
		}
		for (ChoiceState choice : this.choices.values()) {
			if (choice.finishReason == null) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the last usage seen so far, or {@code null} when no chunk carried one.
	 * @return the usage
	 */
	public @Nullable Usage usage() {
		return this.usage;
	}

	/**
	 * Returns whether any choice has collected at least one tool call.
	 * @return {@code true} when the model called tools
	 */
	public boolean hasToolCalls() {
		for (ChoiceState choice : this.choices.values()) {
			if (!choice.toolCalls.isEmpty()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the completion aggregated from the chunks added so far; the choices are sorted by index.
	 * <p>May be called at any time, also before the stream ended: partial tool calls are then included as
	 * they are (see {@link #isComplete()}).
	 * @return the completion, with {@code object} {@code chat.completion}
	 */
	public ChatCompletion result() {
		List<Choice> result = new ArrayList<>(this.choices.size());
		for (ChoiceState choice : this.choices.values()) {
			result.add(choice.build());
		}
		return new ChatCompletion(this.id, OBJECT, this.created, this.model, result, this.usage, this.serviceTier,
				this.systemFingerprint, this.extra);
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	private static void putIfNotNull(Map<String, Object> target, String key, @Nullable Object value) {
		if (value != null) {
			target.put(key, value);
		}
	}

	private static @Nullable String textOrNull(@Nullable StringBuilder text) {
		return (text != null && !text.isEmpty()) ? text.toString() : null;
	}

	private static StringBuilder append(@Nullable StringBuilder target, String text) {
		StringBuilder builder = (target != null) ? target : new StringBuilder(Math.max(16, text.length()));
		builder.append(text);
		return builder;
	}

	/**
	 * The state of one choice.
	 */
	private static final class ChoiceState {

		private final int index;

		private @Nullable StringBuilder content;

		private @Nullable List<ContentPart> otherParts;

		private @Nullable StringBuilder refusal;

		private @Nullable StringBuilder reasoningContent;

		private @Nullable StringBuilder reasoning;

		private @Nullable List<Map<String, Object>> reasoningDetails;

		private @Nullable Map<Integer, Map<String, Object>> reasoningDetailsByIndex;

		private @Nullable List<Object> images;

		private @Nullable List<Annotation> annotations;

		private final Map<String, Object> messageExtra = new LinkedHashMap<>();

		private @Nullable AudioState audio;

		private @Nullable FunctionCallState functionCall;

		private final List<ToolCallState> toolCalls = new ArrayList<>();

		private final Map<Integer, ToolCallState> toolCallsByIndex = new HashMap<>();

		private final Map<String, ToolCallState> toolCallsById = new HashMap<>();

		private @Nullable ToolCallState lastToolCall;

		private boolean logprobsSeen;

		private @Nullable List<TokenLogprob> contentLogprobs;

		private @Nullable List<TokenLogprob> refusalLogprobs;

		private final Map<String, Object> logprobsExtra = new LinkedHashMap<>();

		private @Nullable FinishReason finishReason;

		private final Map<String, Object> choiceExtra = new LinkedHashMap<>();

		ChoiceState(int index) {
			this.index = index;
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
			for (Map.Entry<String, Object> entry : choice.extra().entrySet()) {
				putIfNotNull(this.choiceExtra, entry.getKey(), entry.getValue());
			}
		}

		private void addDelta(Delta delta) {
			MessageContent content = delta.content();
			if (content instanceof MessageContent.Text text) {
				this.content = append(this.content, text.text());
			}
			else if (content instanceof MessageContent.Parts parts) {
				addParts(parts.parts());
			}
			if (delta.refusal() != null) {
				this.refusal = append(this.refusal, delta.refusal());
			}
			if (delta.reasoningContent() != null) {
				this.reasoningContent = append(this.reasoningContent, delta.reasoningContent());
			}
			if (delta.reasoning() != null) {
				this.reasoning = append(this.reasoning, delta.reasoning());
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
				for (ToolCallDelta fragment : toolCallDeltas) {
					if (fragment != null) {
						addToolCall(fragment);
					}
				}
			}
			for (Map.Entry<String, Object> entry : delta.extra().entrySet()) {
				addDeltaExtra(entry.getKey(), entry.getValue());
			}
		}

		private void addParts(List<ContentPart> parts) {
			for (ContentPart part : parts) {
				if (part instanceof TextPart text) {
					this.content = append(this.content, text.text());
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
				default -> this.messageExtra.put(key, value);
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
					putIfNotNull(merged, key, value);
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
			for (Map.Entry<String, Object> entry : logprobs.extra().entrySet()) {
				putIfNotNull(this.logprobsExtra, entry.getKey(), entry.getValue());
			}
		}

		private void addToolCall(ToolCallDelta fragment) {
			ToolCallState call = route(fragment);
			if (call != null) {
				call.add(fragment);
				if (!isEmpty(call.id)) {
					this.toolCallsById.putIfAbsent(call.id, call);
				}
				this.lastToolCall = call;
			}
		}

		private @Nullable ToolCallState route(ToolCallDelta fragment) {
			String id = isEmpty(fragment.id()) ? null : fragment.id();
			String name = nameOf(fragment);
			Integer index = fragment.index();
			if (index != null) {
				ToolCallState current = this.toolCallsByIndex.get(index);
				if (current != null && (id == null || id.equals(current.id) || name == null || current.name == null)) {
					return current;
				}
				ToolCallState selected = (id != null) ? this.toolCallsById.get(id) : null;
				if (selected == null) {
					if (current == null && carriesNothing(fragment)) {
						return null;
					}
					selected = newToolCall();
				}
				this.toolCallsByIndex.put(index, selected);
				return selected;
			}
			if (id != null) {
				ToolCallState selected = this.toolCallsById.get(id);
				return (selected != null) ? selected : newToolCall();
			}
			ToolCallState last = this.lastToolCall;
			if (name != null) {
				return (last != null && last.name == null) ? last : newToolCall();
			}
			if (last != null) {
				return last;
			}
			return carriesNothing(fragment) ? null : newToolCall();
		}

		private ToolCallState newToolCall() {
			ToolCallState call = new ToolCallState();
			this.toolCalls.add(call);
			return call;
		}

		private static @Nullable String nameOf(ToolCallDelta fragment) {
			if (fragment.function() != null && !isEmpty(fragment.function().name())) {
				return fragment.function().name();
			}
			if (fragment.custom() != null && !isEmpty(fragment.custom().name())) {
				return fragment.custom().name();
			}
			return null;
		}

		private static boolean carriesNothing(ToolCallDelta fragment) {
			FunctionCall function = fragment.function();
			CustomToolCall.CustomCall custom = fragment.custom();
			return isEmpty(fragment.id()) && nameOf(fragment) == null
					&& (function == null || isEmpty(function.arguments()))
					&& (custom == null || isEmpty(custom.input())) && fragment.extra().isEmpty();
		}

		Choice build() {
			AssistantMessage.Builder message = AssistantMessage.builder()
				.content(buildContent())
				.refusal(textOrNull(this.refusal))
				.reasoningContent(textOrNull(this.reasoningContent))
				.reasoning(textOrNull(this.reasoning))
				.annotations(this.annotations);
			if (this.audio != null) {
				message.audio(this.audio.build());
			}
			if (this.functionCall != null) {
				message.functionCall(this.functionCall.build());
			}
			if (!this.toolCalls.isEmpty()) {
				List<ToolCall> calls = new ArrayList<>(this.toolCalls.size());
				for (ToolCallState call : this.toolCalls) {
					calls.add(call.build());
				}
				message.toolCalls(calls);
			}
			message.extra(this.messageExtra);
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
			// a stop with tool calls becomes tool_calls in Choice, as for a completion read whole
			return new Choice(this.index, message.build(), logprobs, this.finishReason, this.choiceExtra);
		}

		private @Nullable MessageContent buildContent() {
			String text = textOrNull(this.content);
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

	/**
	 * The state of one tool call of a choice.
	 */
	private static final class ToolCallState {

		private @Nullable String id;

		private @Nullable String type;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		private boolean custom;

		private final Map<String, Object> extra = new LinkedHashMap<>();

		private final Map<String, Object> functionExtra = new LinkedHashMap<>();

		void add(ToolCallDelta fragment) {
			if (isEmpty(this.id) && fragment.id() != null) {
				this.id = fragment.id();
			}
			if (isEmpty(this.type) && fragment.type() != null) {
				this.type = fragment.type();
				this.custom |= "custom".equals(fragment.type());
			}
			FunctionCall function = fragment.function();
			if (function != null) {
				if (isEmpty(this.name) && function.name() != null) {
					this.name = function.name();
				}
				if (function.arguments() != null) {
					this.arguments.append(function.arguments());
				}
				mergeInto(this.functionExtra, function.extra());
			}
			CustomToolCall.CustomCall customCall = fragment.custom();
			if (customCall != null) {
				this.custom = true;
				if (isEmpty(this.name) && customCall.name() != null) {
					this.name = customCall.name();
				}
				if (customCall.input() != null) {
					this.arguments.append(customCall.input());
				}
				mergeInto(this.functionExtra, customCall.extra());
			}
			mergeInto(this.extra, fragment.extra());
		}

		private static void mergeInto(Map<String, Object> target, Map<String, Object> source) {
			for (Map.Entry<String, Object> entry : source.entrySet()) {
				putIfNotNull(target, entry.getKey(), entry.getValue());
			}
		}

		ToolCall build() {
			if (this.custom) {
				return new CustomToolCall(this.id,
						new CustomToolCall.CustomCall(this.name, this.arguments.toString(), this.functionExtra),
						this.extra);
			}
			return new FunctionToolCall(this.id, new FunctionCall(this.name, this.arguments.toString(),
					this.functionExtra), this.extra);
		}

	}

	/**
	 * The state of the deprecated function call of a choice.
	 */
	private static final class FunctionCallState {

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		private final Map<String, Object> extra = new LinkedHashMap<>();

		void add(FunctionCall fragment) {
			if (isEmpty(this.name) && !isEmpty(fragment.name())) {
				this.name = fragment.name();
			}
			if (fragment.arguments() != null) {
				this.arguments.append(fragment.arguments());
			}
			for (Map.Entry<String, Object> entry : fragment.extra().entrySet()) {
				putIfNotNull(this.extra, entry.getKey(), entry.getValue());
			}
		}

		FunctionCall build() {
			return new FunctionCall(this.name, this.arguments.toString(), this.extra);
		}

	}

	/**
	 * The state of the generated audio of a choice.
	 */
	private static final class AudioState {

		private @Nullable String id;

		private @Nullable Long expiresAt;

		private @Nullable StringBuilder data;

		private @Nullable StringBuilder transcript;

		private final Map<String, Object> extra = new LinkedHashMap<>();

		void add(AssistantAudio fragment) {
			if (isEmpty(this.id) && !isEmpty(fragment.id())) {
				this.id = fragment.id();
			}
			if (this.expiresAt == null) {
				this.expiresAt = fragment.expiresAt();
			}
			if (fragment.data() != null) {
				this.data = append(this.data, fragment.data());
			}
			if (fragment.transcript() != null) {
				this.transcript = append(this.transcript, fragment.transcript());
			}
			for (Map.Entry<String, Object> entry : fragment.extra().entrySet()) {
				putIfNotNull(this.extra, entry.getKey(), entry.getValue());
			}
		}

		AssistantAudio build() {
			return new AssistantAudio(this.id, this.expiresAt, (this.data != null) ? this.data.toString() : null,
					(this.transcript != null) ? this.transcript.toString() : null, this.extra);
		}

	}

}

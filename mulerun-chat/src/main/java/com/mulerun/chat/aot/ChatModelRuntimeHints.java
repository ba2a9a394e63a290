package com.mulerun.chat.aot;

import com.mulerun.chat.model.AllowedTools;
import com.mulerun.chat.model.Annotation;
import com.mulerun.chat.model.AssistantAudio;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.AudioParameters;
import com.mulerun.chat.model.AudioPart;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.ContentPart;
import com.mulerun.chat.model.CustomTool;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.CustomToolDefinition;
import com.mulerun.chat.model.CustomToolFormat;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.DeveloperMessage;
import com.mulerun.chat.model.FilePart;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.FunctionCall;
import com.mulerun.chat.model.FunctionCallOption;
import com.mulerun.chat.model.FunctionDefinition;
import com.mulerun.chat.model.FunctionMessage;
import com.mulerun.chat.model.FunctionTool;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ImagePart;
import com.mulerun.chat.model.JsonSchema;
import com.mulerun.chat.model.Logprobs;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.Modality;
import com.mulerun.chat.model.OtherMessage;
import com.mulerun.chat.model.OtherPart;
import com.mulerun.chat.model.OtherTool;
import com.mulerun.chat.model.OtherToolCall;
import com.mulerun.chat.model.Prediction;
import com.mulerun.chat.model.ReasoningEffort;
import com.mulerun.chat.model.RefusalPart;
import com.mulerun.chat.model.ResponseFormat;
import com.mulerun.chat.model.Role;
import com.mulerun.chat.model.ServiceTier;
import com.mulerun.chat.model.Stop;
import com.mulerun.chat.model.StreamOptions;
import com.mulerun.chat.model.SystemMessage;
import com.mulerun.chat.model.TextPart;
import com.mulerun.chat.model.TokenLogprob;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolCallDelta;
import com.mulerun.chat.model.ToolChoice;
import com.mulerun.chat.model.ToolMessage;
import com.mulerun.chat.model.Usage;
import com.mulerun.chat.model.UserMessage;
import com.mulerun.chat.model.Verbosity;
import com.mulerun.chat.model.WebSearchOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Registers the reflection a native image needs to read and write the API model with
 * Jackson: the constructors, methods and fields of every type of
 * {@code com.mulerun.chat.model}, the records, the sealed unions and their subtypes, the
 * nested records, and the deserializers named by {@code @JsonDeserialize}, with their
 * nested types found by reflection.
 *
 * <p>
 * Registered in {@code META-INF/spring/aot.factories}, so Spring's AOT processing applies
 * it to every application that has the client on its class path. A test checks that every
 * class of the package is covered.
 */
public class ChatModelRuntimeHints implements RuntimeHintsRegistrar {

	/** What Jackson needs of a record, a value type or a deserializer. */
	static final MemberCategory[] BINDING_CATEGORIES = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
			MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS,
			MemberCategory.ACCESS_PUBLIC_FIELDS };

	/**
	 * The top-level public types of the model; their nested types are added by
	 * reflection.
	 */
	static final List<Class<?>> MODEL_TYPES = List.of(AllowedTools.class, Annotation.class, AssistantAudio.class,
			AssistantMessage.class, AudioParameters.class, AudioPart.class, ChatCompletion.class,
			ChatCompletionChunk.class, ChatCompletionRequest.class, ChatJson.class, ChatMessage.class, ChatModels.class,
			Choice.class, ChunkChoice.class, ContentPart.class, CustomTool.class, CustomToolCall.class,
			CustomToolDefinition.class, CustomToolFormat.class, Delta.class, DeveloperMessage.class, FilePart.class,
			FinishReason.class, FunctionCall.class, FunctionCallOption.class, FunctionDefinition.class,
			FunctionMessage.class, FunctionTool.class, FunctionToolCall.class, ImagePart.class, JsonSchema.class,
			Logprobs.class, MessageContent.class, Modality.class, OtherMessage.class, OtherPart.class, OtherTool.class,
			OtherToolCall.class, Prediction.class, ReasoningEffort.class, RefusalPart.class, ResponseFormat.class,
			Role.class, ServiceTier.class, Stop.class, StreamOptions.class, SystemMessage.class, TextPart.class,
			TokenLogprob.class, Tool.class, ToolCall.class, ToolCallDelta.class, ToolChoice.class, ToolMessage.class,
			Usage.class, UserMessage.class, Verbosity.class, WebSearchOptions.class);

	/**
	 * The package-private top-level types of the model, named since they cannot be
	 * referenced from here.
	 */
	static final List<String> PACKAGE_PRIVATE_TYPES = List.of("com.mulerun.chat.model.DiscriminatorDeserializer",
			"com.mulerun.chat.model.RecordDeserializer", "com.mulerun.chat.model.FrozenList",
			"com.mulerun.chat.model.FrozenMap", "com.mulerun.chat.model.ModelSupport",
			"com.mulerun.chat.model.RecordCreatorModule",
			"com.mulerun.chat.model.RecordCreatorModule$SpreadInstantiator", "com.mulerun.chat.model.RecordShape");

	/**
	 * Creates the registrar; Spring's AOT processing does.
	 */
	public ChatModelRuntimeHints() {
	}

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		ReflectionHints reflection = hints.reflection();
		Deque<Class<?>> pending = new ArrayDeque<>(MODEL_TYPES);
		while (!pending.isEmpty()) {
			Class<?> type = pending.pop();
			reflection.registerType(type, BINDING_CATEGORIES);
			for (Class<?> nested : type.getDeclaredClasses()) {
				pending.push(nested);
			}
		}
		for (String name : PACKAGE_PRIVATE_TYPES) {
			reflection.registerType(TypeReference.of(name), BINDING_CATEGORIES);
		}
	}

}

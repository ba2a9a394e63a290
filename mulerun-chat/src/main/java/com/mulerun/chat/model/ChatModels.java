package com.mulerun.chat.model;

import java.util.List;

/**
 * Ids of the models MuleRun supports. Any other string is accepted as a model id too.
 */
public final class ChatModels {

	/** GPT-5. */
	public static final String GPT_5 = "gpt-5";

	/** GPT-5 mini. */
	public static final String GPT_5_MINI = "gpt-5-mini";

	/** GPT-5 nano. */
	public static final String GPT_5_NANO = "gpt-5-nano";

	/** GPT-4.1. */
	public static final String GPT_4_1 = "gpt-4.1";

	/** GPT-4.1 mini. */
	public static final String GPT_4_1_MINI = "gpt-4.1-mini";

	/** GPT-4.1 nano. */
	public static final String GPT_4_1_NANO = "gpt-4.1-nano";

	/** Gemini 2.5 Flash. */
	public static final String GEMINI_2_5_FLASH = "gemini-2.5-flash";

	/** Gemini 2.5 Flash Lite. */
	public static final String GEMINI_2_5_FLASH_LITE = "gemini-2.5-flash-lite";

	/** Gemini 2.5 Pro. */
	public static final String GEMINI_2_5_PRO = "gemini-2.5-pro";

	/** Gemini 2.5 Flash Image Preview. */
	public static final String GEMINI_2_5_FLASH_IMAGE_PREVIEW = "gemini-2.5-flash-image-preview";

	/** Gemini 2.5 Flash Image. */
	public static final String GEMINI_2_5_FLASH_IMAGE = "gemini-2.5-flash-image";

	/** Claude Sonnet 4. */
	public static final String CLAUDE_SONNET_4_0 = "claude-sonnet-4-0";

	/** Claude Sonnet 4.5. */
	public static final String CLAUDE_SONNET_4_5 = "claude-sonnet-4-5";

	/** Claude Opus 4. */
	public static final String CLAUDE_OPUS_4_0 = "claude-opus-4-0";

	/** Claude Opus 4.1. */
	public static final String CLAUDE_OPUS_4_1 = "claude-opus-4-1";

	/** Every supported model id, in the order of the specification. */
	public static final List<String> ALL = List.of(GPT_5, GPT_5_MINI, GPT_5_NANO, GPT_4_1, GPT_4_1_MINI, GPT_4_1_NANO,
			GEMINI_2_5_FLASH, GEMINI_2_5_FLASH_LITE, GEMINI_2_5_PRO, GEMINI_2_5_FLASH_IMAGE_PREVIEW,
			GEMINI_2_5_FLASH_IMAGE, CLAUDE_SONNET_4_0, CLAUDE_SONNET_4_5, CLAUDE_OPUS_4_0, CLAUDE_OPUS_4_1);

	private ChatModels() {
	}

}

package com.mulerun.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the offline mode, under {@code mulerun.offline}.
 */
@ConfigurationProperties(MuleRunOfflineProperties.PREFIX)
public class MuleRunOfflineProperties {

	/** The prefix of the offline mode's properties. */
	public static final String PREFIX = "mulerun.offline";

	/**
	 * When the client answers offline, with a canned text, instead of calling the API.
	 */
	private Mode mode = Mode.NEVER;

	/**
	 * The pause between two streamed chunks of an offline answer, so that it streams
	 * visibly.
	 */
	private Duration chunkDelay = Duration.ofMillis(15);

	/**
	 * Returns when the client answers offline.
	 * @return the mode
	 */
	public Mode getMode() {
		return this.mode;
	}

	/**
	 * Sets when the client answers offline.
	 * @param mode the mode
	 */
	public void setMode(Mode mode) {
		this.mode = mode;
	}

	/**
	 * Returns the pause between two streamed chunks of an offline answer.
	 * @return the pause
	 */
	public Duration getChunkDelay() {
		return this.chunkDelay;
	}

	/**
	 * Sets the pause between two streamed chunks of an offline answer.
	 * @param chunkDelay the pause, zero for none
	 */
	public void setChunkDelay(Duration chunkDelay) {
		this.chunkDelay = chunkDelay;
	}

	/**
	 * When the client answers offline.
	 */
	public enum Mode {

		/** Always call the API (the default). */
		NEVER,

		/**
		 * Answer offline when neither {@code mulerun.api-key} nor {@code MULERUN_API_KEY}
		 * is set.
		 */
		WHEN_NO_API_KEY,

		/** Always answer offline, even with an API key. */
		ALWAYS

	}

}

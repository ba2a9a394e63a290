package com.mulerun.autoconfigure;

import com.mulerun.chat.error.MuleRunException;

/**
 * Thrown at start-up when the MuleRun client is enabled but no API key is configured and
 * no ApiKeyProvider bean resolves one.
 */
public class MuleRunApiKeyMissingException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 */
	public MuleRunApiKeyMissingException() {
		this("No MuleRun API key is configured: set the property mulerun.api-key or the environment variable "
				+ "MULERUN_API_KEY, or define an ApiKeyProvider bean");
	}

	/**
	 * Creates the exception with a message that says more precisely what is missing.
	 * @param message the message, which never holds a key
	 */
	public MuleRunApiKeyMissingException(String message) {
		super(message);
	}

}

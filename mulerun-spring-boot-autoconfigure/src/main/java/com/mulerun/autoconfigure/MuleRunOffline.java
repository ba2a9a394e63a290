package com.mulerun.autoconfigure;

/**
 * Present as a bean when the auto-configured client answers offline; tells why, so that
 * an application can say so (a log line, a badge on a page).
 *
 * @param reason why the client answers offline, such as
 * {@code MULERUN_API_KEY is not set}
 */
public record MuleRunOffline(String reason) {

	/**
	 * The placeholder the offline client uses as its API key; it never leaves the
	 * machine.
	 */
	public static final String API_KEY = "sk-offline";

}

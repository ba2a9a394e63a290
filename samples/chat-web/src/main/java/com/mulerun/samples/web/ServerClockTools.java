package com.mulerun.samples.web;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.mulerun.chat.tool.ChatTool;

/**
 * A tool the model may call: the server's clock. Ask the page "What time is it on the
 * server?" to see a tool round.
 */
public class ServerClockTools {

	/** The name the model calls the tool by. */
	public static final String NAME = "server_clock";

	private final Clock clock;

	/**
	 * Creates the tools.
	 * @param clock the clock to read
	 */
	public ServerClockTools(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Returns the server's current date, time and time zone.
	 * @return the time, ISO-8601 with the zone
	 */
	@ChatTool(name = NAME, description = "The server's current date, time and time zone (ISO-8601)")
	public String serverClock() {
		return ZonedDateTime.now(this.clock).format(DateTimeFormatter.ISO_ZONED_DATE_TIME);
	}

}

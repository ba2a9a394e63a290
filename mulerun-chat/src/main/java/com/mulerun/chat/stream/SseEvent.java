package com.mulerun.chat.stream;

import org.jspecify.annotations.Nullable;

/**
 * An allocated copy of one decoded Server-Sent Event, for tests and tools rather than the
 * hot path.
 *
 * @param eventType the value of the {@code event} field, or {@code null} when the event
 * had none
 * @param data the data lines of the event joined with LF
 * @param id the last event ID at the time the event was dispatched, or {@code null} if
 * none was set
 */
public record SseEvent(@Nullable String eventType, String data, @Nullable String id) {

}

/**
 * Tool calling: Java methods and lambdas become tools the model may call, and
 * {@link ToolLoop} runs the conversation (advertise the tools, execute the calls the
 * model asks for, send the results back, call again) for blocking, reactive and streaming
 * calls alike.
 *
 * <p>
 * The loop sits on the template's single-call functions, so every round goes through the
 * interceptors, the validation, the observation and the retries like any call. Structured
 * output builds on the same seam: an {@code entity(...)} call whose options carry tools
 * runs the loop through {@code createMono} and parses the final answer.
 */
@NullMarked
package com.mulerun.chat.tool;

import org.jspecify.annotations.NullMarked;

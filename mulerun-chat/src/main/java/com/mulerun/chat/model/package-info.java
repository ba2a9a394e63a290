/**
 * The typed model of the MuleRun chat completions API: the request, its messages, content
 * parts, tools, tool choices and response formats, the response, the stream chunk and
 * usage.
 *
 * <p>
 * Every type is an immutable record or a sealed interface of records. Accessors are named
 * after the specification's fields in lowerCamelCase ({@code finish_reason} is
 * {@code finishReason()}). A field that was not set is {@code null} and is never written.
 * Every type keeps the properties it does not model in {@code extra()}, and writes them
 * back, so fields that providers add survive a round trip. Enumerated values
 * ({@link com.mulerun.chat.model.FinishReason},
 * {@link com.mulerun.chat.model.ServiceTier}, ...) are lenient value types: an unknown
 * value is kept with its raw text.
 *
 * <p>
 * The types mirror the specification's schemas one to one, so a type with many fields
 * (the request) is longer than the 500 lines the other packages keep to.
 */
@NullMarked
package com.mulerun.chat.model;

import org.jspecify.annotations.NullMarked;

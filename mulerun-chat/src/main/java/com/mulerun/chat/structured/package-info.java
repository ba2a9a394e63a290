/**
 * Structured output: a Java type becomes a strict JSON Schema, the request asks the model
 * for it in the way the model family honours (a {@code json_schema} response format, a
 * forced tool call, or JSON mode with the schema in a system message), and the answer is
 * parsed back into the type, validated and optionally repaired.
 */
@NullMarked
package com.mulerun.chat.structured;

import org.jspecify.annotations.NullMarked;

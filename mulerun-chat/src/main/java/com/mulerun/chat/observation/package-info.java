/**
 * Micrometer observation of chat completion calls, with OpenTelemetry GenAI semantic
 * convention names.
 */
@NullMarked
package com.mulerun.chat.observation;

import org.jspecify.annotations.NullMarked;

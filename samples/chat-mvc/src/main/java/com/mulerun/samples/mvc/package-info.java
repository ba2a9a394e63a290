/**
 * A Spring MVC sample: the blocking chat call behind a JSON endpoint, a streamed answer
 * relayed through an {@code SseEmitter}, both on virtual threads when the JVM has them,
 * and the GenAI metrics in Actuator.
 */
@NullMarked
package com.mulerun.samples.mvc;

import org.jspecify.annotations.NullMarked;

/**
 * Ahead-of-time (GraalVM native image) support: runtime hints for the API model.
 */
@NullMarked
package com.mulerun.chat.aot;

import org.jspecify.annotations.NullMarked;

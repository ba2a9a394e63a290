/**
 * An example of a user's application tested with {@code @AutoConfigureMockMuleRun}.
 */
@NullMarked
package com.mulerun.test.example;

import org.jspecify.annotations.NullMarked;

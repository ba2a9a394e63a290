/**
 * A command-line sample: sends a prompt and streams the answer to the terminal, answering
 * from the built-in mock server when no API key is set.
 */
@NullMarked
package com.mulerun.samples.cli;

import org.jspecify.annotations.NullMarked;

/**
 * The benchmarks' Spring Boot application: the auto-configured template, measured as
 * another client, and the starter's start-up cost. It holds no configuration of its own,
 * so that what is measured is what the starter auto-configures.
 */
@NullMarked
package com.mulerun.benchmarks.boot;

import org.jspecify.annotations.NullMarked;

/**
 * Spring Boot auto-configuration of the MuleRun chat completions client:
 * {@link MuleRunAutoConfiguration}, {@link MuleRunProperties} (prefix {@code mulerun})
 * and the customizer hook.
 */
@NullMarked
package com.mulerun.autoconfigure;

import org.jspecify.annotations.NullMarked;

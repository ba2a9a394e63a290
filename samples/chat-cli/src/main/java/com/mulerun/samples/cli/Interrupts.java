package com.mulerun.samples.cli;

import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) into a call of the interactive chat instead of the end of the
 * program.
 */
final class Interrupts {

	private Interrupts() {
	}

	/**
	 * Runs the action on every Ctrl-C from now on.
	 * @param action what to do
	 */
	static void onInterrupt(Runnable action) {
		Signal.handle(new Signal("INT"), (signal) -> action.run());
	}

}

/** Browser tests of the web UI, driving headless Chromium against the whole application. */
package io.axle.launcher.ui;

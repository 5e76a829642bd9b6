/** The one-process launcher: command side, query side and sagas together on embedded infrastructure. */
package io.axle.launcher;

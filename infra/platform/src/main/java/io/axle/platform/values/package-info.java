/** Walking the values a request or a command carries, to check each of them where it stands. */
package io.axle.platform.values;

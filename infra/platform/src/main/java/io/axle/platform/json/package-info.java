/** JSON as Axle reads it: strict and bounded at the edge, lossless between its own processes and stores. */
package io.axle.platform.json;

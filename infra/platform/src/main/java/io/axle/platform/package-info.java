/** Axle's shared platform, delivered to every process as Spring Boot auto-configuration. */
package io.axle.platform;

/** The OpenAPI description of every Axle endpoint: roles, problems, security schemes and request examples. */
package io.axle.platform.openapi;

/** Who may call Axle: users with JWT bearer tokens, partners and devices with API keys, and their roles. */
package io.axle.platform.security;

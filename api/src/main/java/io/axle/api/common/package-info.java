/** Types shared by every message family: paging and refusal details. */
package io.axle.api.common;

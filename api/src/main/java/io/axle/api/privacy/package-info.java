/** Marks for personal data in messages, so that it can be stored encrypted per data subject and erased. */
package io.axle.api.privacy;

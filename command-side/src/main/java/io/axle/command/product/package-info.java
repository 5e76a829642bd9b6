/** The product catalogue: the Product aggregate, its endpoints, and the look-up order placement prices lines with. */
package io.axle.command.product;

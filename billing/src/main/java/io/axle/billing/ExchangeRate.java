package io.axle.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One {@code from} is worth {@code rate} {@code to}, as published on {@code date} by {@code source}. */
public record ExchangeRate(String from, String to, BigDecimal rate, LocalDate date, String source) {
}

package io.axle.command.vehicle;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the fleet's alarm rules ({@code axle.vehicles.alarms}), checked as the application starts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VehicleAlarmRules.class)
public class VehicleConfiguration {
}

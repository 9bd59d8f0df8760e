package io.tianshu.server;

import io.tianshu.server.config.TianshuProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Spring Boot application behind {@code tianshu serve}. The store manages its own connections
 * and schema migrations, so Boot's data-source and Flyway auto-configuration stay off.
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@EnableConfigurationProperties(TianshuProperties.class)
public class TianshuApplication {}

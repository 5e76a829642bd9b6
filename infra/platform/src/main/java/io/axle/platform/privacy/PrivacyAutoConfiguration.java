package io.axle.platform.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The data subjects' keys in the process's database, the cipher that Axon's object mapper encrypts personal data
 * with ({@code axle.privacy.key-cache-ttl}: how long a node keeps a key before reading it again), and the rewrite of
 * the embedded H2 file after an erasure.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class PrivacyAutoConfiguration {

    /** The bean name the data sources are made to depend on, so that it is destroyed after them. */
    static final String H2_COMPACTION = "axleH2FileCompaction";

    @Bean
    @ConditionalOnMissingBean(PersonalDataKeys.class)
    PersonalDataKeys personalDataKeys(DataSource dataSource,
                                      @Value("${axle.privacy.key-cache-ttl:1m}") Duration cacheTtl,
                                      @Qualifier(H2_COMPACTION) H2FileCompaction compaction) {
        return new JdbcPersonalDataKeys(dataSource, cacheTtl, Clock.systemUTC(), compaction::request);
    }

    /** Rewrites the H2 file after an erasure; does nothing for another database, or a data source Boot did not make. */
    @Bean(H2_COMPACTION)
    H2FileCompaction axleH2FileCompaction(ObjectProvider<DataSourceProperties> dataSource) {
        DataSourceProperties properties = dataSource.getIfAvailable();
        return properties == null ? new H2FileCompaction(null, null, null)
                : new H2FileCompaction(properties.determineUrl(), properties.determineUsername(),
                        properties.determinePassword());
    }

    /** Makes every data source depend on the H2 compaction, which is thus created before and destroyed after them. */
    @Bean
    static BeanFactoryPostProcessor axleDataSourcesAfterH2Compaction() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
                if (beanFactory.containsBeanDefinition(name)) {
                    BeanDefinition definition = beanFactory.getBeanDefinition(name);
                    String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                    String[] more = Arrays.copyOf(dependsOn, dependsOn.length + 1);
                    more[dependsOn.length] = H2_COMPACTION;
                    definition.setDependsOn(more);
                }
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(PersonalDataCipher.class)
    PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }
}

package org.coophub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CoophubApplication {
    public static void main(String[] args) {
        SpringApplication.run(CoophubApplication.class, args);
    }
}

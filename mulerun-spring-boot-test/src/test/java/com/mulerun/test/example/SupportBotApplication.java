package com.mulerun.test.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the {@link SupportBot} belongs to.
 */
@SpringBootApplication
public class SupportBotApplication {

}

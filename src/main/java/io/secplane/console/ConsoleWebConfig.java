package io.secplane.console;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/** The console's views: a form's "redirect:" answers 303 See Other (the next page is fetched with GET). */
@Configuration
public class ConsoleWebConfig {

    @Bean
    static BeanPostProcessor seeOtherRedirects() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setRedirectHttp10Compatible(false);
                }
                return bean;
            }
        };
    }
}

package dev.macula.query.timetravel;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class TimeTravelWebConfiguration implements WebMvcConfigurer {

    private final AsOfReads asOfReads;

    TimeTravelWebConfiguration(AsOfReads asOfReads) {
        this.asOfReads = asOfReads;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(asOfReads).addPathPatterns("/api/**");
    }
}

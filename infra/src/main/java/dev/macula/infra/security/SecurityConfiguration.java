package dev.macula.infra.security;

import dev.macula.api.identity.UserQueries.FindCredentialsQuery;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserCredentials;
import dev.macula.api.identity.UserView;
import dev.macula.infra.config.MaculaProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Who may call what (docs/api.md §2.9, plus Macula's admin role): the five auth entry points, health
 * and the web client are open; user management and user histories need role 1; registration needs
 * role 1 unless {@code MACULA_OPEN_REGISTRATION=true}; every other {@code /api} path, the OpenAPI
 * document and Swagger UI need a user. The Prometheus metrics need role 1 or the scraper token
 * ({@code MACULA_METRICS_TOKEN}).
 */
@Configuration
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final Set<String> OPEN_AUTH_PATHS = Set.of(
            "/api/auth/login", "/api/auth/token", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register");
    /**
     * The OpenAPI document (also as YAML: springdoc serves {@code <path>.yaml}) and Swagger UI
     * (FastAPI's paths plus springdoc's): they need a user too.
     * Matched on the decoded path, like the rules below, so an encoded spelling does not slip past.
     */
    static final RequestMatcher API_DOCS = new OrRequestMatcher(Stream.of("/openapi.json/**",
            "/openapi.json.yaml", "/v3/api-docs/**", "/v3/api-docs.yaml", "/docs/**", "/swagger-ui/**")
            .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p)).toList());
    static final String DOCS_LOGIN_HINT = "Authentication required: log in first (POST /api/auth/login, as the web"
            + " viewer does, sets the jwt_token cookie) or send 'Authorization: Bearer <access_token>' from"
            + " POST /api/auth/token";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JwtService jwtService(MaculaProperties properties, Clock clock) {
        return new JwtService(SecretKeys.resolve(properties), clock);
    }

    @Bean
    PasswordHasher passwordHasher() {
        return new PasswordHasher(65_536, 3, 4);
    }

    @Bean
    LoginThrottle loginThrottle(MaculaProperties properties, Clock clock) {
        return new LoginThrottle(properties.loginMaxFailures(), properties.loginLockSeconds(), clock);
    }

    /**
     * No Micrometer observation around each of the chain's filters: the HTTP metrics come from
     * {@code http.server.requests} alone, and wrapping a dozen filters per request cost several per
     * cent of a command's CPU.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The rules below match paths as plain patterns rather than through Spring MVC's handler
     * lookup (which then ran twice per request: once for security, once for dispatch).
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** Requests the firewall refuses (encoded traversal, "//" …) get the contract's body, not Boot's echo of the path. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> JsonErrors.write(response, 400, "Bad Request");
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtService jwt, QueryGateway queries, AuthenticatedUsers users,
                            MaculaProperties properties) throws Exception {
        Predicate<HttpServletRequest> publicPath = request -> !request.getRequestURI().startsWith("/api/")
                && !API_DOCS.matches(request) || OPEN_AUTH_PATHS.contains(request.getRequestURI());
        AccessTokenFilter tokens = new AccessTokenFilter(jwt, users, publicPath, publicAuthAdmin(queries, properties));
        if (properties.hasMetricsToken()) {
            if (properties.metricsToken().length() < 16) {
                log.warn("MACULA_METRICS_TOKEN is shorter than 16 characters: a guessable token exposes the metrics");
            }
            http.addFilterBefore(new ScraperTokenFilter(properties.metricsToken()), AnonymousAuthenticationFilter.class);
        }
        http.csrf(AbstractHttpConfigurer::disable) // tokens travel in SameSite=strict cookies or headers
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(tokens, AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> JsonErrors.write(res, 401,
                                API_DOCS.matches(req) ? DOCS_LOGIN_HINT : "Authentication required"))
                        .accessDeniedHandler((req, res, ex) -> JsonErrors.write(res, 403, "Admin role required")))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(HttpMethod.POST, "/api/auth/login", "/api/auth/token", "/api/auth/refresh",
                            "/api/auth/logout").permitAll();
                    if (properties.openRegistration()) {
                        a.requestMatchers(HttpMethod.POST, "/api/auth/register").permitAll();
                    } else {
                        a.requestMatchers(HttpMethod.POST, "/api/auth/register").hasRole("ADMIN");
                    }
                    a.requestMatchers("/api/users", "/api/users/**", "/api/history/user/**", "/api/admin/**")
                            .hasRole("ADMIN");
                    a.requestMatchers(HttpMethod.POST, "/api/devices", "/api/devices/**", "/api/task-definitions",
                                    "/api/form-schemas", "/api/attributes/import")
                            .hasRole("ADMIN");
                    a.requestMatchers("/api/**").authenticated();
                    a.requestMatchers(API_DOCS).authenticated();
                    // actuator: health and the index of links stay open; the metrics (and whatever
                    // else gets exposed later) need an admin or the scraper token
                    a.requestMatchers("/actuator", "/actuator/health", "/actuator/health/**").permitAll();
                    a.requestMatchers("/actuator/**").hasAnyRole("ADMIN", ScraperTokenFilter.ROLE);
                    a.anyRequest().permitAll(); // /health, the web client
                });
        return http.build();
    }

    /** Development mode of the original (docs/api.md §2.8): every request runs as the configured admin. */
    private static Supplier<UserView> publicAuthAdmin(QueryGateway queries, MaculaProperties properties) {
        if (!properties.isPublicAuthDisabled()) {
            return null;
        }
        log.warn("VITE_PUBLIC_AUTH_DISABLED=1: authentication is OFF, every request runs as '{}'",
                properties.adminUsername());
        return () -> {
            UserCredentials admin = queries.query(new FindCredentialsQuery(properties.adminUsername()),
                    ResponseTypes.instanceOf(UserCredentials.class)).join();
            return admin == null ? null : queries.query(new FindUserQuery(admin.userId()),
                    ResponseTypes.instanceOf(UserView.class)).join();
        };
    }
}

package dev.macula.infra.identity;

import dev.macula.infra.config.MaculaProperties;
import dev.macula.infra.security.JwtService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The two cookies of the web client, attribute for attribute as the original sets them
 * (docs/api.md §2.3): no Domain, no Expires. {@code Secure} follows {@code MACULA_COOKIE_SECURE}:
 * {@code auto} (default) sets it when the request came over HTTPS, {@code true}/{@code false} force it.
 */
@Component
class AuthCookies {

    static final String ACCESS = "jwt_token";
    static final String REFRESH = "refresh_token";

    private final String mode;

    AuthCookies(MaculaProperties properties) {
        this.mode = properties.cookieSecure() == null ? "auto" : properties.cookieSecure().trim().toLowerCase();
    }

    void set(HttpServletRequest request, HttpServletResponse response, String accessToken, String refreshToken) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, ACCESS, accessToken, JwtService.ACCESS_SECONDS));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, REFRESH, refreshToken, JwtService.REFRESH_SECONDS));
    }

    /** Deletion cookies; SameSite=strict like the set cookies (docs/api.md §9.2 item 4). */
    void clear(HttpServletRequest request, HttpServletResponse response) {
        for (String name : new String[]{ACCESS, REFRESH}) {
            response.addHeader(HttpHeaders.SET_COOKIE, name
                    + "=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=strict" + secure(request));
        }
    }

    private String cookie(HttpServletRequest request, String name, String value, long maxAge) {
        return name + "=" + value + "; HttpOnly; Max-Age=" + maxAge + "; Path=/; SameSite=strict" + secure(request);
    }

    private String secure(HttpServletRequest request) {
        boolean secure = switch (mode) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> request.isSecure();
        };
        return secure ? "; Secure" : "";
    }
}
